import { defineOwnMethod, methodOf } from '../own-method.js';
import type { AnyFunction } from '../own-method.js';
import { CLEAR, DELETE, GET_HIT, GET_MISS, HAS_HIT, HAS_MISS, PEEK_HIT, PEEK_MISS, SET } from './cache-cells.js';
import type { OperationSlot } from './cache-cells.js';
import type { CacheRecorder } from './cache-recorder.js';

/** The members of an `LRUCache` (lru-cache 11) read here. */
export interface LruCacheLike {
  get(key: unknown, options?: unknown): unknown;
  set(key: unknown, value: unknown, options?: unknown): unknown;
  has(key: unknown, options?: unknown): boolean;
  peek(key: unknown, options?: unknown): unknown;
  delete(key: unknown): boolean;
  clear(): void;
  readonly size: number;
  readonly max: number;
  readonly maxSize: number;
  readonly calculatedSize: number;
  entries(): Iterable<[unknown, unknown]>;
}

/**
 * Wraps `get`, `peek`, `has`, `set`, `delete` and `clear` of an lru-cache in place. lru-cache never
 * stores `undefined`, so a read that returns it is a miss. lru-cache calls its own `delete` from
 * `set(key, undefined)` and its own `clear` from `load`: such nested calls are not counted again.
 * Other methods (`fetch`, `memo`, `pop`, ...) pass through uncounted.
 */
export function wrapLruCache(cache: LruCacheLike, recorder: CacheRecorder): void {
  let depth = 0;
  const counts = recorder.counts;
  const readWith = (original: AnyFunction, hit: OperationSlot, miss: OperationSlot) =>
    function (this: unknown, key: unknown, options?: unknown) {
      const value: unknown = original.call(this, key, options);
      if (depth === 0) {
        counts[value === undefined ? miss : hit]!++;
        if (--recorder.countdown === 0) recorder.refresh();
      }
      return value;
    };
  const writeWith = (original: AnyFunction, operation: string, slot: OperationSlot) =>
    function (this: unknown, ...args: unknown[]) {
      if (depth !== 0) return original.apply(this, args);
      depth++;
      try {
        const result: unknown = original.apply(this, args);
        counts[slot]!++;
        return result;
      } catch (error) {
        recorder.cells.failed(operation, error);
        throw error;
      } finally {
        depth--;
        if (--recorder.countdown === 0) recorder.refresh();
      }
    };
  wrap(cache, 'get', (original) => readWith(original, GET_HIT, GET_MISS));
  wrap(cache, 'peek', (original) => readWith(original, PEEK_HIT, PEEK_MISS));
  wrap(cache, 'has', (original) =>
    function (this: unknown, key: unknown, options?: unknown) {
      const found: unknown = original.call(this, key, options);
      if (depth === 0) {
        counts[found === true ? HAS_HIT : HAS_MISS]!++;
        if (--recorder.countdown === 0) recorder.refresh();
      }
      return found;
    },
  );
  wrap(cache, 'set', (original) => writeWith(original, 'set', SET));
  wrap(cache, 'delete', (original) => writeWith(original, 'delete', DELETE));
  wrap(cache, 'clear', (original) => writeWith(original, 'clear', CLEAR));
}

function wrap(cache: object, key: string, make: (original: AnyFunction) => AnyFunction): void {
  const original = methodOf(cache, key);
  if (original !== undefined) defineOwnMethod(cache, key, make(original), original);
}

/** Sums `sizer` over the entries lru-cache yields (no recency update, stale entries skipped). */
export function lruBytes(cache: LruCacheLike, sizer: (value: unknown, key: unknown) => number): number {
  let bytes = 0;
  for (const [key, value] of cache.entries()) bytes += sizer(value, key);
  return bytes;
}
