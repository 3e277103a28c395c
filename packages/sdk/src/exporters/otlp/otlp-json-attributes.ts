import type { Attributes } from '@opentelemetry/api';

// OTLP/JSON pieces shared by resources, scopes and data points, written as JSON text directly:
// building the objects and then calling JSON.stringify (what OTel does) allocates every node twice.
// Each function returns exactly what JSON.stringify gives for OTel's object of the same value.

/** `JSON.stringify` of a number: `null` for NaN and ±Infinity, `0` for -0. */
export function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/**
 * `,"key":value` for a value whose type is not known for certain (optional SDK fields), or `''`
 * where JSON.stringify would leave the property out (undefined, functions, symbols).
 */
export function jsonField(key: string, value: unknown): string {
  const text = typeof value === 'number' ? jsonNumber(value) : JSON.stringify(value);
  return text === undefined ? '' : `,"${key}":${text}`;
}

/** Base64 of bytes without Node's Buffer (browsers); chunks keep the argument list short. */
function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** An OTLP `AnyValue` as OTLP/JSON, typed the way OTel's transformer types attribute values. */
export function jsonAnyValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `{"stringValue":${JSON.stringify(value)}}`;
    case 'number':
      return Number.isInteger(value) ? `{"intValue":${jsonNumber(value)}}` : `{"doubleValue":${jsonNumber(value)}}`;
    case 'boolean':
      return `{"boolValue":${value}}`;
  }
  if (value instanceof Uint8Array) return `{"bytesValue":"${base64(value)}"}`;
  if (Array.isArray(value)) return `{"arrayValue":{"values":[${value.map(jsonAnyValue).join(',')}]}}`;
  if (typeof value === 'object' && value !== null) return `{"kvlistValue":{"values":${jsonAttributes(value as Attributes)}}}`;
  // null, undefined and anything an attribute cannot hold: an empty AnyValue, as OTel writes it.
  return '{}';
}

/** Attributes as an OTLP/JSON `KeyValue` array, in the object's key order. */
export function jsonAttributes(attributes: Attributes): string {
  let out = '[';
  for (const key of Object.keys(attributes)) {
    if (out.length > 1) out += ',';
    out += `{"key":${JSON.stringify(key)},"value":${jsonAnyValue(attributes[key])}}`;
  }
  return out + ']';
}
