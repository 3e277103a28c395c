import { FacadeInstruments } from './facade-instruments.js';
import type { MeterSource } from './meter-source.js';
import type { FacadeAttributes, MetricsFacade } from './metrics-facade.js';
import { SUMMARY_METER_NAME } from './summary.js';
import { RunningTimer, runTimed, timedMethodDecorator } from './timed.js';
import { describeValue, WarnOnce } from './warn-once.js';

/** Meter (instrumentation scope) of the facade's instruments, summaries excepted. */
export const APP_METER_NAME = '@mcp-otel/sdk/app';

/** Options of a facade. */
export interface MetricsFacadeOptions {
  /** Meter (instrumentation scope) of the facade's instruments, summaries excepted. @default "@mcp-otel/sdk/app" */
  meterName?: string;
  /**
   * Handles cached per instrument (one per distinct attribute set), which also bounds the local
   * cells of counters, up-down counters and gauges. Past the bound, handles are still returned and
   * record normally, they are just not cached, and call OpenTelemetry on every recording (same
   * output, OpenTelemetry's cost). @default 1000
   */
  maxHandlesPerInstrument?: number;
  /** Instrument names cached per kind (counter, gauge, ...). @default 1000 */
  maxInstrumentsPerKind?: number;
}

const NO_ARGS: [] = [];

/** A cache bound: a whole number >= 0, else the default (a NaN bound would disable the bound). */
function bound(value: number | undefined, fallback: number, option: string, warnOnce: WarnOnce): number {
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && value >= 0) return value;
  warnOnce.warn(`option\u0000${option}`, () =>
    `mcp-otel: createMetricsFacade option ${option} is ${describeValue(value)}; using ${fallback}. Pass a whole number >= 0.`,
  );
  return fallback;
}

/**
 * The facade over a meter source, as a plain object of bound functions: it can be spread into a
 * handle or destructured (`const { counter } = metrics`).
 */
export function buildMetricsFacade(source: MeterSource, options?: MetricsFacadeOptions): MetricsFacade {
  const warnOnce = new WarnOnce();
  const instruments = new FacadeInstruments(source, warnOnce, {
    appMeterName: options?.meterName ?? APP_METER_NAME,
    summaryMeterName: SUMMARY_METER_NAME,
    maxHandlesPerInstrument: bound(options?.maxHandlesPerInstrument, 1000, 'maxHandlesPerInstrument', warnOnce),
    maxInstrumentsPerKind: bound(options?.maxInstrumentsPerKind, 1000, 'maxInstrumentsPerKind', warnOnce),
  });
  return {
    counter: (name, attributes, opts) => instruments.counter(name, opts).handle(attributes),
    upDownCounter: (name, attributes, opts) => instruments.upDownCounter(name, opts).handle(attributes),
    gauge: (name, attributes, opts) => instruments.gauge(name, opts).handle(attributes),
    histogram: (name, attributes, opts) => instruments.histogram(name, opts).handle(attributes),
    summary: (name, attributes, opts) => instruments.summary(name, opts).handle(attributes),
    timer: (name, attributes, opts) => {
      const slot = instruments.histogram(name, opts, 's');
      return new RunningTimer(slot, slot.handle(attributes));
    },
    timed: <R>(name: string, fn: () => R, attributes?: FacadeAttributes): R => {
      if (typeof fn !== 'function') {
        warnOnce.warn(`timed\u0000${name}\u0000fn`, () =>
          `mcp-otel: timed("${name}") got ${describeValue(fn)} instead of a function; nothing was run or recorded.`,
        );
        return undefined as R;
      }
      const slot = instruments.histogram(name, undefined, 's');
      return runTimed(slot, slot.handle(attributes), fn, undefined, NO_ARGS);
    },
    timedMethod: (name, attributes, opts) => timedMethodDecorator(instruments.histogram(name, opts, 's'), attributes),
  };
}
