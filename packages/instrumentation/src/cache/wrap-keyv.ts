import { now } from '../clock.js';
import { copyIdentity, isThenable, methodOf } from '../own-method.js';
import type { AnyFunction } from '../own-method.js';
import { reportFailure } from '../safe.js';
import { CLEAR, DELETE, EXPIRE, GET_HIT, GET_MISS, HAS_HIT, HAS_MISS, SET } from './cache-cells.js';
import type { CacheRecorder } from './cache-recorder.js';

/** The members of a `Keyv` (keyv 6) used here. */
export interface KeyvLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  listenerCount?(event?: string): number;
}

type Counter = (recorder: CacheRecorder, result: unknown, args: readonly unknown[]) => void;

const inc = (recorder: CacheRecorder, slot: number, by = 1) => {
  recorder.counts[slot] = (recorder.counts[slot] ?? 0) + by;
};
const keysIn = (key: unknown) => (Array.isArray(key) ? key.length : 1);
const eachValue = (result: unknown, each: (value: unknown) => void) => (Array.isArray(result) ? result.forEach(each) : each(result));

/** Per method: the operation it is, and how its result counts (per key for the `*Many` forms). */
const METHODS: Record<string, readonly [string, Counter]> = {
  get: ['get', (r, result) => eachValue(result, (v) => inc(r, v === undefined ? GET_MISS : GET_HIT))],
  getMany: ['get', (r, result) => eachValue(result, (v) => inc(r, v === undefined ? GET_MISS : GET_HIT))],
  has: ['has', (r, result) => eachValue(result, (v) => inc(r, v === true ? HAS_HIT : HAS_MISS))],
  hasMany: ['has', (r, result) => eachValue(result, (v) => inc(r, v === true ? HAS_HIT : HAS_MISS))],
  set: ['set', (r) => inc(r, SET)],
  setMany: ['set', (r, _result, args) => inc(r, SET, Array.isArray(args[0]) ? args[0].length : 1)],
  delete: ['delete', (r, _result, args) => inc(r, DELETE, keysIn(args[0]))],
  deleteMany: ['delete', (r, _result, args) => inc(r, DELETE, keysIn(args[0]))],
  clear: ['clear', (r) => inc(r, CLEAR)],
};

/**
 * Instruments a Keyv through a Proxy, so that only the host's calls are counted: Keyv calls its own
 * methods internally (`get([...])` calls `getMany`, a read that finds expired entries deletes them
 * through `deleteMany`), and those calls reach the unwrapped instance. Every other property read or
 * write goes to the Keyv itself, so the proxy behaves as the instance (`instanceof`, events, options).
 *
 * Keyv has no expiry event: an expired entry is found on a read and deleted by Keyv itself, which
 * reports it as `stat:delete` like any delete. Deletes the host asked for are matched to those
 * events in order; an event no host delete is waiting for is an expiration.
 */
export function wrapKeyv<T extends object>(keyv: T, recorder: CacheRecorder): T {
  const hostDeletes: { remaining: number }[] = [];
  const wrappers = new Map<PropertyKey, { original: AnyFunction; wrapper: AnyFunction }>();
  for (const [name, [operation, count]] of Object.entries(METHODS)) {
    const original = methodOf(keyv, name);
    if (original === undefined) continue;
    const isDelete = operation === 'delete';
    const wrapper = function (this: unknown, ...args: unknown[]) {
      const start = now();
      const pending = isDelete ? { remaining: keysIn(args[0]) } : undefined;
      if (pending !== undefined) hostDeletes.push(pending);
      let result: unknown;
      try {
        // `keyv`, not `this` (the proxy): Keyv's own nested calls must not come back through here.
        result = original.apply(keyv, args);
      } catch (error) {
        recorder.cells.failed(operation, error);
        if (pending !== undefined) hostDeletes.splice(hostDeletes.indexOf(pending), 1);
        throw error;
      }
      const settled = () => {
        const index = pending === undefined ? -1 : hostDeletes.indexOf(pending);
        if (index >= 0) hostDeletes.splice(index, 1);
      };
      if (!isThenable(result)) return result;
      return recorder.track(
        result,
        operation,
        start,
        (value) => {
          settled();
          count(recorder, value, args);
        },
        settled,
      );
    };
    copyIdentity(wrapper, original);
    wrappers.set(name, { original, wrapper });
  }
  listen(keyv as unknown as KeyvLike, recorder, hostDeletes);
  return new Proxy(keyv, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      const wrapped = wrappers.get(property);
      // A method the host replaced after instrumenting is the host's: hand it out as it is.
      return wrapped !== undefined && value === wrapped.original ? wrapped.wrapper : value;
    },
  });
}

/**
 * Subscribes to Keyv's own events: `stat:delete` (expirations, see above) and `error` (store errors
 * Keyv swallows). Keyv throws an `error` event that has no listener; so when the host has none, this
 * listener throws the same error, as Keyv would have, and leaves the counting to the rejected call.
 */
function listen(keyv: KeyvLike, recorder: CacheRecorder, hostDeletes: { remaining: number }[]): void {
  try {
    keyv.on('stat:delete', () => {
      const oldest = hostDeletes[0];
      if (oldest === undefined) {
        recorder.cells.evicted(EXPIRE);
        return;
      }
      if (--oldest.remaining <= 0) hostDeletes.shift();
    });
    const onError = (error: unknown) => {
      if (typeof keyv.listenerCount === 'function' && keyv.listenerCount('error') <= 1) throw error;
      recorder.cells.failed(undefined, error);
    };
    keyv.on('error', onError);
  } catch (error) {
    reportFailure('subscribing to Keyv events', error);
  }
}
