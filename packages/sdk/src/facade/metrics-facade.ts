/**
 * # facade/: counters, gauges, histograms and timers by name
 *
 * `createMetricsFacade(provider)` gives handles bound to fixed attributes. For an instrument the
 * pipeline's plan routes to our series (`startMetrics`, `createMetricsPipeline`), the handle *is*
 * the series (aggregate/): a recording is a check and a field update, and a looked-up handle is
 * found by its attribute literal without hashing. On any other provider, or for what OTel
 * aggregates (summaries), the handle calls the OTel instrument (plain-handles.ts). The module-level
 * `metrics` follows the provider `startMetrics` registers (switching-facade.ts). Nothing here
 * throws into the host: bad values are warned once through `diag` and dropped.
 */
import { safeHandle } from './safe-handle.js';
import type { MeterProvider } from '@opentelemetry/api';
import type {
  CounterHandle,
  FacadeAttributes,
  GaugeHandle,
  HistogramHandle,
  HistogramOptions,
  InstrumentOptions,
  SummaryHandle,
  TimedMethodDecorator,
  TimerHandle,
  UpDownCounterHandle,
} from './handles.js';
import { FacadeInstruments, type HandleSource } from './facade-instruments.js';
import { RunningTimer, runTimed, timedMethodDecorator } from './timed.js';
import { WarnOnce } from './warn-once.js';
import { describeValue } from '../aggregate/value-problems.js';
import { APP_METER_NAME } from '../plan/meter-names.js';

/**
 * The metrics facade: instruments by name, handles bound to fixed attributes. Instruments are
 * created once per (kind, name); a handle is found again per attribute set. Nothing here ever
 * throws: bad values are warned once through `diag` and dropped. Its members are bound functions:
 * destructure them freely.
 *
 * @example
 * ```ts
 * import { metrics } from '@mcp-otel/sdk';
 *
 * const calls = metrics.counter('weather.lookups', { city: 'Paris' });
 * calls.increment();
 * const forecast = await metrics.timed('weather.fetch.duration', async () => 'sunny');
 * ```
 */
export interface MetricsFacade {
  /** A monotonic counter handle. */
  readonly counter: (name: string, attributes?: FacadeAttributes, options?: InstrumentOptions) => CounterHandle;
  /** An up-down counter handle. */
  readonly upDownCounter: (name: string, attributes?: FacadeAttributes, options?: InstrumentOptions) => UpDownCounterHandle;
  /** A gauge handle (synchronous OTel gauge: last value wins). */
  readonly gauge: (name: string, attributes?: FacadeAttributes, options?: InstrumentOptions) => GaugeHandle;
  /** A histogram handle (explicit buckets unless a component says otherwise). */
  readonly histogram: (name: string, attributes?: FacadeAttributes, options?: HistogramOptions) => HistogramHandle;
  /** A summary handle: quantiles from a base-2 exponential histogram (meter `@mcp-otel/sdk/summary`). */
  readonly summary: (name: string, attributes?: FacadeAttributes, options?: InstrumentOptions) => SummaryHandle;
  /** Starts a timer now; `stop()` records seconds into the histogram `name` (unit `s`). */
  readonly timer: (name: string, attributes?: FacadeAttributes, options?: HistogramOptions) => TimerHandle;
  /**
   * Runs `fn` and records its duration in seconds into the histogram `name` (unit `s`). If `fn`
   * throws, or returns a promise that rejects, the duration is recorded with `error.type` (the
   * error's constructor name, else `_OTHER`) and the same error is rethrown. Returns `fn`'s value;
   * for a native promise, a promise that settles with the same value or error.
   */
  readonly timed: <R>(name: string, fn: () => R, attributes?: FacadeAttributes) => R;
  /**
   * A TC39 method decorator that times every call like `timed`.
   *
   * @example
   * ```ts
   * import { metrics } from '@mcp-otel/sdk';
   *
   * class Forecasts {
   *   @metrics.timedMethod('forecast.fetch.duration', { source: 'api' })
   *   async fetch(city: string): Promise<string> { return `sunny in ${city}`; }
   * }
   * ```
   */
  readonly timedMethod: (name: string, attributes?: FacadeAttributes, options?: HistogramOptions) => TimedMethodDecorator;
}

/** Options of a facade. */
export interface MetricsFacadeOptions {
  /** Meter (instrumentation scope) of the facade's instruments, summaries excepted. @default "@mcp-otel/sdk/app" */
  meterName?: string;
  /**
   * Handles kept per instrument (one per distinct attribute set) when OTel aggregates the
   * instrument (a provider not built by mcp-otel, or summaries). Past the bound, handles are still
   * returned and record normally; they are just not kept. Our own series are bounded by the
   * pipeline's `cardinalityLimit` instead. @default 1000
   */
  maxHandlesPerInstrument?: number;
  /** Instrument names kept per kind (counter, gauge, ...). @default 1000 */
  maxInstrumentsPerKind?: number;
}

/**
 * A metrics facade recording into `meterProvider` (meter `@mcp-otel/sdk/app`; summaries on
 * `@mcp-otel/sdk/summary`). `startMetrics` builds one for its handle; build your own to record into
 * a provider you manage. The result is a plain object of bound functions.
 *
 * @example
 * ```ts
 * import { createMetricsFacade } from '@mcp-otel/sdk';
 * import { MeterProvider } from '@opentelemetry/sdk-metrics';
 *
 * const facade = createMetricsFacade(new MeterProvider());
 * const hits = facade.counter('cache.hits', { cache: 'forecasts' });
 * hits.increment();
 * ```
 */
export function createMetricsFacade(meterProvider: MeterProvider, options?: MetricsFacadeOptions): MetricsFacade {
  const warnOnce = new WarnOnce();
  const limits = {
    meterName: options?.meterName ?? APP_METER_NAME,
    maxHandlesPerInstrument: bound(options?.maxHandlesPerInstrument, 1000, 'maxHandlesPerInstrument', warnOnce),
    maxInstrumentsPerKind: bound(options?.maxInstrumentsPerKind, 1000, 'maxInstrumentsPerKind', warnOnce),
  };
  return facadeOver(new FacadeInstruments(meterProvider, warnOnce, limits), warnOnce);
}

const NO_ARGS: [] = [];

/** The facade's functions over a source of handles (a provider's instruments, or the switching ones). */
export function facadeOver(source: HandleSource, warnOnce: WarnOnce): MetricsFacade {
  return {
    counter: (name, attributes, opts) => safeHandle(source.counter(name, opts), attributes, name, warnOnce),
    upDownCounter: (name, attributes, opts) => safeHandle(source.upDownCounter(name, opts), attributes, name, warnOnce),
    gauge: (name, attributes, opts) => safeHandle(source.gauge(name, opts), attributes, name, warnOnce),
    histogram: (name, attributes, opts) => safeHandle(source.histogram(name, opts), attributes, name, warnOnce),
    summary: (name, attributes, opts) => safeHandle(source.summary(name, opts), attributes, name, warnOnce),
    timer: (name, attributes, opts) => {
      const histogram = source.histogram(name, opts, 's');
      return new RunningTimer(histogram, safeHandle(histogram, attributes, name, warnOnce));
    },
    timed: <R>(name: string, fn: () => R, attributes?: FacadeAttributes): R => {
      if (typeof fn !== 'function') {
        warnOnce.warn(`timed\u0000${name}\u0000fn`, () => `mcp-otel: timed("${name}") got ${describeValue(fn)} instead of a function; nothing was run or recorded.`);
        return undefined as R;
      }
      const histogram = source.histogram(name, undefined, 's');
      return runTimed(histogram, safeHandle(histogram, attributes, name, warnOnce), fn, undefined, NO_ARGS);
    },
    timedMethod: (name, attributes, opts) => timedMethodDecorator(source.histogram(name, opts, 's'), attributes),
  };
}

/** A cache bound: a whole number >= 0, else the default (a NaN bound would disable the bound). */
function bound(value: number | undefined, fallback: number, option: string, warnOnce: WarnOnce): number {
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && value >= 0) return value;
  warnOnce.warn(`option\u0000${option}`, () => `mcp-otel: createMetricsFacade option ${option} is ${describeValue(value)}; using ${fallback}. Pass a whole number >= 0.`);
  return fallback;
}
