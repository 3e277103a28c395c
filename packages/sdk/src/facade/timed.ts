import type { Attributes } from '@opentelemetry/api';
import type { InstrumentHandles } from './facade-instruments.js';
import type { FacadeAttributes, HistogramHandle, TimedMethodDecorator, TimerHandle } from './handles.js';

/** The histogram a timer or `timed` records into, by attribute set. */
export type TimedHistogram = InstrumentHandles<HistogramHandle>;

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

function recordFailure(histogram: TimedHistogram, ok: HistogramHandle, start: number, error: unknown): void {
  const attributes: Attributes = { ...ok.attributes, [ATTR_ERROR_TYPE]: errorType(error) };
  histogram.handle(attributes).record(secondsSince(start));
}

/**
 * Calls `fn` and records its duration into `ok` (or, on a throw or rejection, into the handle with
 * `error.type` added), rethrowing the same error. A native promise is followed to its settlement;
 * any other return value (including non-native thenables, which may be lazy) is timed synchronously.
 */
export function runTimed<T, A extends unknown[], R>(
  histogram: TimedHistogram,
  ok: HistogramHandle,
  fn: (this: T, ...args: A) => R,
  thisArg: T,
  args: A,
): R {
  const start = performance.now();
  let result: R;
  try {
    result = fn.apply(thisArg, args);
  } catch (error) {
    recordFailure(histogram, ok, start, error);
    throw error;
  }
  if (result instanceof Promise) {
    return result.then(
      (value: unknown) => {
        ok.record(secondsSince(start));
        return value;
      },
      (error: unknown) => {
        recordFailure(histogram, ok, start, error);
        throw error;
      },
    ) as R;
  }
  ok.record(secondsSince(start));
  return result;
}

/** A TC39 method decorator timing every call into `histogram` with `attributes`. */
export function timedMethodDecorator(histogram: TimedHistogram, attributes: FacadeAttributes | undefined): TimedMethodDecorator {
  let ok: HistogramHandle;
  try {
    ok = histogram.handle(attributes);
  } catch {
    // Unreadable attributes (throwing getters, a hostile proxy): the calls are timed without them.
    ok = histogram.handle(undefined);
  }
  return function decorate<This, Args extends unknown[], Return>(
    target: (this: This, ...args: Args) => Return,
  ): (this: This, ...args: Args) => Return {
    // Type-checked callers only decorate methods; plain JS on a field gets its value back untouched.
    if (typeof target !== 'function') return target;
    return function timedMethod(this: This, ...args: Args): Return {
      return runTimed(histogram, ok, target, this, args);
    };
  };
}

/** A timer started at construction; see `TimerHandle`. */
export class RunningTimer implements TimerHandle {
  private readonly start = performance.now();
  private seconds = -1;

  constructor(
    private readonly histogram: TimedHistogram,
    private readonly handle: HistogramHandle,
  ) {}

  stop(extraAttributes?: FacadeAttributes): number {
    if (this.seconds >= 0) return this.seconds;
    this.seconds = secondsSince(this.start);
    let handle = this.handle;
    if (typeof extraAttributes === 'object' && extraAttributes !== null) {
      try {
        handle = this.histogram.handle({ ...this.handle.attributes, ...extraAttributes });
      } catch {
        // Unreadable extra attributes (throwing getters, a hostile proxy): recorded without them.
      }
    }
    handle.record(this.seconds);
    return this.seconds;
  }
}
