import type { Attributes, Histogram } from '@opentelemetry/api';
import type { InstrumentSlot } from './instrument-slot.js';
import type { FacadeAttributes, TimedMethodDecorator, TimerHandle } from './metrics-facade.js';
import type { HistogramHandleImpl } from './recording-handles.js';

/** A histogram slot of the facade (timers and `timed` record into one). */
export type HistogramSlot = InstrumentSlot<Histogram, HistogramHandleImpl>;

/** Attribute `error.type` (semantic conventions, stable). */
export const ATTR_ERROR_TYPE = 'error.type';

/** `_OTHER`: the semantic-convention fallback for an error without a usable class name. */
export const ERROR_TYPE_OTHER = '_OTHER';

/** The `error.type` of a thrown value: its constructor's name, else `_OTHER`. Never throws. */
export function errorType(error: unknown): string {
  try {
    if ((typeof error === 'object' || typeof error === 'function') && error !== null) {
      const ctor: unknown = (error as { constructor?: unknown }).constructor;
      if (typeof ctor === 'function' && ctor !== Object && ctor.name !== '') return ctor.name;
    }
  } catch {
    // A hostile getter or proxy: fall through to the fallback.
  }
  return ERROR_TYPE_OTHER;
}

function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

function recordFailure(slot: HistogramSlot, ok: HistogramHandleImpl, start: number, error: unknown): void {
  const attributes: Attributes = { ...ok.attributes, [ATTR_ERROR_TYPE]: errorType(error) };
  slot.handle(attributes).record(secondsSince(start));
}

/**
 * Calls `fn` and records its duration into `ok` (or, on a throw or rejection, into the handle with
 * `error.type` added), rethrowing the same error. A native promise is followed to its settlement;
 * any other return value (including non-native thenables, which may be lazy) is timed synchronously.
 */
export function runTimed<T, A extends unknown[], R>(
  slot: HistogramSlot,
  ok: HistogramHandleImpl,
  fn: (this: T, ...args: A) => R,
  thisArg: T,
  args: A,
): R {
  const start = performance.now();
  let result: R;
  try {
    result = fn.apply(thisArg, args);
  } catch (error) {
    recordFailure(slot, ok, start, error);
    throw error;
  }
  if (result instanceof Promise) {
    return result.then(
      (value: unknown) => {
        ok.record(secondsSince(start));
        return value;
      },
      (error: unknown) => {
        recordFailure(slot, ok, start, error);
        throw error;
      },
    ) as R;
  }
  ok.record(secondsSince(start));
  return result;
}

/** A TC39 method decorator timing every call into `slot` with `attributes`. */
export function timedMethodDecorator(slot: HistogramSlot, attributes: FacadeAttributes | undefined): TimedMethodDecorator {
  const ok = slot.handle(attributes);
  return function decorate<This, Args extends unknown[], Return>(
    target: (this: This, ...args: Args) => Return,
  ): (this: This, ...args: Args) => Return {
    // Type-checked callers only decorate methods; plain JS on a field gets its value back untouched.
    if (typeof target !== 'function') return target;
    return function timedMethod(this: This, ...args: Args): Return {
      return runTimed(slot, ok, target, this, args);
    };
  };
}

/** A timer started at construction; see `TimerHandle`. */
export class RunningTimer implements TimerHandle {
  private readonly start = performance.now();
  private seconds = -1;

  constructor(
    private readonly slot: HistogramSlot,
    private readonly handle: HistogramHandleImpl,
  ) {}

  stop(extraAttributes?: FacadeAttributes): number {
    if (this.seconds >= 0) return this.seconds;
    this.seconds = secondsSince(this.start);
    let handle = this.handle;
    if (typeof extraAttributes === 'object' && extraAttributes !== null) {
      let merged: FacadeAttributes;
      try {
        merged = { ...this.handle.attributes, ...extraAttributes };
      } catch {
        // Unreadable (throwing getters, a hostile proxy): `slot.handle` warns once and drops them.
        merged = extraAttributes;
      }
      handle = this.slot.handle(merged);
    }
    handle.record(this.seconds);
    return this.seconds;
  }
}
