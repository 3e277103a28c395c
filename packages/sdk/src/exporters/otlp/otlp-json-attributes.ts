import type { Attributes } from '@opentelemetry/api';

/** An OTLP/JSON `AnyValue` object, as JSON.stringify will write it. */
type OtlpJsonAnyValue = Record<string, unknown>;

/** Base64 of bytes without Node's Buffer (browsers); chunks keep the argument list short. */
function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * An attribute value as an OTLP `AnyValue`, typed the way OTel's transformer types them: integers
 * (even past 2^53) as `intValue`, other numbers (NaN, ±Infinity too) as `doubleValue`, bytes as
 * base64, arrays and plain objects nested; null, undefined and other types as an empty AnyValue.
 */
export function toOtlpJsonAnyValue(value: unknown): OtlpJsonAnyValue {
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'number':
      return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
    case 'boolean':
      return { boolValue: value };
  }
  if (value instanceof Uint8Array) return { bytesValue: base64(value) };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(toOtlpJsonAnyValue) } };
  if (typeof value === 'object' && value !== null) return { kvlistValue: { values: toOtlpJsonAttributes(value as Attributes) } };
  return {};
}

/** Attributes as OTLP `KeyValue` objects, in the object's key order. */
export function toOtlpJsonAttributes(attributes: Attributes): { key: string; value: OtlpJsonAnyValue }[] {
  return Object.keys(attributes).map((key) => ({ key, value: toOtlpJsonAnyValue(attributes[key]) }));
}
