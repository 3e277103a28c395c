import { utf8Length } from '../transport/utf8-length.js';

/**
 * Bytes of a value that has a size: a string (UTF-8), an ArrayBuffer or a view on one (Buffer,
 * typed arrays, DataView), or an array of those (e.g. a Redis multi-bulk reply). `undefined` for
 * anything else: no size is guessed for objects or numbers.
 */
export function sizeOf(value: unknown): number | undefined {
  if (typeof value === 'string') return utf8Length(value);
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (Array.isArray(value)) {
    let total: number | undefined;
    for (const item of value as unknown[]) {
      const size = typeof item === 'string' || item instanceof ArrayBuffer || ArrayBuffer.isView(item) ? sizeOf(item) : undefined;
      if (size !== undefined) total = (total ?? 0) + size;
    }
    return total;
  }
  return undefined;
}
