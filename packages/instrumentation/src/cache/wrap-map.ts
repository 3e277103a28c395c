import { defineOwnMethod } from '../own-method.js';
import { CLEAR, DELETE, GET_HIT, GET_MISS, HAS_HIT, HAS_MISS, SET } from './cache-cells.js';
import type { CacheRecorder } from './cache-recorder.js';

// Map's own methods, taken once: the wrappers call them on whatever `this` the host passes.
type MapMethod = (this: Map<unknown, unknown>, ...args: unknown[]) => unknown;
const { get, set, has, delete: remove, clear } = Map.prototype as unknown as Record<'get' | 'set' | 'has' | 'delete' | 'clear', MapMethod>;

/**
 * Replaces the five operations of a `Map` with counting ones (own, non-enumerable methods; the Map
 * itself, its entries and its prototype are untouched). A `get` that returns `undefined` is a hit
 * only if the key is there (a Map may hold `undefined`), which costs one `has` on a miss.
 */
export function wrapMap(map: Map<unknown, unknown>, recorder: CacheRecorder): void {
  const counts = recorder.counts;
  defineOwnMethod(
    map,
    'get',
    function (this: Map<unknown, unknown>, key: unknown) {
      const value = get.call(this, key);
      counts[value !== undefined || has.call(this, key) ? GET_HIT : GET_MISS]!++;
      if (--recorder.countdown === 0) recorder.refresh();
      return value;
    },
    get,
  );
  defineOwnMethod(
    map,
    'has',
    function (this: Map<unknown, unknown>, key: unknown) {
      const found = has.call(this, key);
      counts[found ? HAS_HIT : HAS_MISS]!++;
      if (--recorder.countdown === 0) recorder.refresh();
      return found;
    },
    has,
  );
  defineOwnMethod(
    map,
    'set',
    function (this: Map<unknown, unknown>, key: unknown, value: unknown) {
      const result = set.call(this, key, value);
      counts[SET]!++;
      if (--recorder.countdown === 0) recorder.refresh();
      return result;
    },
    set,
  );
  defineOwnMethod(
    map,
    'delete',
    function (this: Map<unknown, unknown>, key: unknown) {
      const result = remove.call(this, key);
      counts[DELETE]!++;
      if (--recorder.countdown === 0) recorder.refresh();
      return result;
    },
    remove,
  );
  defineOwnMethod(
    map,
    'clear',
    function (this: Map<unknown, unknown>) {
      clear.call(this);
      counts[CLEAR]!++;
      recorder.refresh();
    },
    clear,
  );
}

/** The Map's size and, with a sizer, the bytes of its entries (read at collection). */
export function mapSize(map: object): number {
  return Reflect.get(Map.prototype, 'size', map) as number; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- Reflect.get is any
}

/** Sums `sizer` over a Map's entries, without going through anything the host may have replaced. */
export function mapBytes(map: object, sizer: (value: unknown, key: unknown) => number): number {
  let bytes = 0;
  for (const [key, value] of Map.prototype.entries.call(map as Map<unknown, unknown>)) bytes += sizer(value, key);
  return bytes;
}
