import { now } from '../clock.js';
import { defineOwnMethod, isThenable, methodOf } from '../own-method.js';
import type { AnyFunction } from '../own-method.js';
import { CLEAR, DELETE, GET_HIT, GET_MISS, HAS_HIT, HAS_MISS, SET } from './cache-cells.js';
import type { OperationSlot } from './cache-cells.js';
import type { CacheRecorder } from './cache-recorder.js';

/** How the result of an operation becomes its count. */
type Outcome = (counts: Float64Array, result: unknown) => void;

const counted =
  (slot: OperationSlot): Outcome =>
  (counts) => {
    counts[slot]!++;
  };
/** A read misses when it yields `undefined` or `null` (the usual "not found" of stores). */
const read =
  (hit: OperationSlot, miss: OperationSlot): Outcome =>
  (counts, value) => {
    counts[value === undefined || value === null ? miss : hit]!++;
  };
const found =
  (hit: OperationSlot, miss: OperationSlot): Outcome =>
  (counts, value) => {
    counts[value === true ? hit : miss]!++;
  };

const OPERATIONS: readonly (readonly [string, Outcome])[] = [
  ['get', read(GET_HIT, GET_MISS)],
  ['has', found(HAS_HIT, HAS_MISS)],
  ['set', counted(SET)],
  ['delete', counted(DELETE)],
  ['clear', counted(CLEAR)],
];

/**
 * Wraps `get`, `set`, `delete`, `has` and `clear` of a custom cache in place, each one that exists.
 * A call that returns a promise is counted when it settles, with its duration; a synchronous one
 * when it returns. A throw or a rejection is counted as an error of that operation and reaches the
 * host unchanged (same error object, same promise).
 */
export function wrapCustom(cache: object, recorder: CacheRecorder): void {
  for (const [operation, outcome] of OPERATIONS) {
    const original = methodOf(cache, operation);
    if (original !== undefined) defineOwnMethod(cache, operation, customMethod(original, operation, outcome, recorder), original);
  }
}

function customMethod(original: AnyFunction, operation: string, outcome: Outcome, recorder: CacheRecorder): AnyFunction {
  const counts = recorder.counts;
  return function (this: unknown, ...args: unknown[]) {
    const start = now();
    let result: unknown;
    try {
      result = original.apply(this, args);
    } catch (error) {
      recorder.cells.failed(operation, error);
      throw error;
    }
    if (isThenable(result)) return recorder.track(result, operation, start, (value) => outcome(counts, value));
    else {
      outcome(counts, result);
      if (--recorder.countdown === 0) recorder.refresh();
    }
    return result;
  };
}
