import type { Attributes } from '@opentelemetry/api';

// The facade's public types: the handles it hands out and their options. Imports nothing of the
// SDK, so the storages (aggregate/) can implement these handles without an import cycle.

/**
 * Attributes of a facade handle: OTel attribute values (string, number, boolean, or a homogeneous
 * array of one of them). Anything else (objects, `null`, mixed arrays) is dropped with one
 * `diag.warn` per metric and key; `undefined` values are treated as absent keys, silently.
 */
export type FacadeAttributes = Attributes;

/** Options of an instrument, applied when the facade first creates it (later calls reuse it). */
export interface InstrumentOptions {
  /** Human-readable description (Prometheus `# HELP`). @default "" */
  description?: string;
  /** UCUM unit, e.g. `"s"`, `"By"`, `"{request}"`. @default "" (timers and `timed`: `"s"`) */
  unit?: string;
}

/** Options of a histogram (and of `timer` / `timed`, which record into one). */
export interface HistogramOptions extends InstrumentOptions {
  /**
   * Explicit bucket boundaries, strictly increasing and finite; passed to the SDK as advice, so a
   * component's `histogramBuckets` view still wins. Invalid lists are warned and ignored.
   * @default the SDK's default boundaries
   */
  buckets?: number[];
}

/** What every handle exposes about itself. */
export interface HandleInfo {
  /** The metric name. */
  readonly name: string;
  /**
   * The handle's attributes after validation, frozen (on the `startMetrics` pipeline, also after
   * the component's `attributes` allow-list: the handle is the series).
   */
  readonly attributes: Readonly<Attributes>;
}

/** A monotonic counter bound to fixed attributes. */
export interface CounterHandle extends HandleInfo {
  /** Adds `n` (finite, >= 0). @default n = 1 */
  increment(n?: number): void;
  /** Same as `increment(n)`. */
  add(n: number): void;
}

/** An up-down counter bound to fixed attributes (e.g. in-flight requests). */
export interface UpDownCounterHandle extends HandleInfo {
  /** Adds `n` (finite, may be negative). */
  add(n: number): void;
  /** Adds `n`. @default n = 1 */
  increment(n?: number): void;
  /** Subtracts `n`. @default n = 1 */
  decrement(n?: number): void;
}

/** A gauge bound to fixed attributes: the last value set wins. */
export interface GaugeHandle extends HandleInfo {
  /** Sets the current value (finite). */
  set(value: number): void;
}

/** A histogram bound to fixed attributes. Subject to `samplingRate` (see docs/facade.md). */
export interface HistogramHandle extends HandleInfo {
  /** Records a value (finite, >= 0: OpenTelemetry histograms take no negative values). */
  record(value: number): void;
}

/**
 * A summary bound to fixed attributes: a histogram aggregated as a base-2 exponential histogram so
 * p50/p95/p99 can be computed downstream with a bounded relative error (docs/facade.md).
 */
export interface SummaryHandle extends HandleInfo {
  /** Records a value (finite, >= 0). */
  record(value: number): void;
}

/** A running timer, started when it was created. */
export interface TimerHandle {
  /**
   * Stops the timer, records the elapsed seconds (with `extraAttributes` merged over the timer's
   * attributes) and returns them. A second call records nothing and returns the same duration.
   */
  stop(extraAttributes?: FacadeAttributes): number;
}

/** A TC39 (stage 3) method decorator that times every call of the method it decorates. */
export type TimedMethodDecorator = <This, Args extends unknown[], Return>(
  target: (this: This, ...args: Args) => Return,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => Return>,
) => (this: This, ...args: Args) => Return;
