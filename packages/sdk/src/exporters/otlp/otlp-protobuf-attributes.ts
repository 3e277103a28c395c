import type { Attributes } from '@opentelemetry/api';
import type { ProtobufWriter } from './protobuf-writer.js';
import { FIXED64, LENGTH_DELIMITED, VARINT } from './protobuf-writer.js';

// OTLP common.proto messages (KeyValue, AnyValue) as otlp-transformer writes them.

const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63;

/**
 * `AnyValue`: 1 string, 2 bool, 3 int64 (integers inside the int64 range), 4 double, 5 array,
 * 6 kvlist, 7 bytes; null, undefined and other types give an empty AnyValue.
 */
export function writeAnyValue(w: ProtobufWriter, value: unknown): void {
  switch (typeof value) {
    case 'string':
      w.tag(1, LENGTH_DELIMITED);
      return w.string(value);
    case 'boolean':
      w.tag(2, VARINT);
      return w.varint(value ? 1 : 0);
    case 'number':
      if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64) {
        w.tag(3, VARINT);
        return w.varint(value);
      }
      w.tag(4, FIXED64);
      return w.double(value);
  }
  if (value instanceof Uint8Array) {
    w.tag(7, LENGTH_DELIMITED);
    return w.bytes(value);
  }
  if (Array.isArray(value)) {
    w.tag(5, LENGTH_DELIMITED);
    const array = w.begin();
    for (const item of value as unknown[]) {
      w.tag(1, LENGTH_DELIMITED);
      const start = w.begin();
      writeAnyValue(w, item);
      w.end(start);
    }
    return w.end(array);
  }
  if (typeof value === 'object' && value !== null) {
    w.tag(6, LENGTH_DELIMITED);
    const list = w.begin();
    writeAttributes(w, value as Attributes, 1);
    w.end(list);
  }
}

/** Attributes as repeated `KeyValue` (1 key, 2 value) in field `field`, in the object's key order. */
export function writeAttributes(w: ProtobufWriter, attributes: Attributes, field: number): void {
  for (const key of Object.keys(attributes)) {
    w.tag(field, LENGTH_DELIMITED);
    const keyValue = w.begin();
    w.tag(1, LENGTH_DELIMITED);
    w.string(key);
    w.tag(2, LENGTH_DELIMITED);
    const value = w.begin();
    writeAnyValue(w, attributes[key]);
    w.end(value);
    w.end(keyValue);
  }
}
