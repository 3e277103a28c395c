import {
  createNoopMeter,
  type Counter,
  type Gauge,
  type Histogram,
  type MetricOptions,
  type UpDownCounter,
} from '@opentelemetry/api';
import { CellFlusher } from './cell-flusher.js';
import { CounterCell, GaugeCell, UpDownCounterCell } from './cell-handles.js';
import { InstrumentSlot, type InstrumentKind, type SlotSpec } from './instrument-slot.js';
import type { MeterSource } from './meter-source.js';
import type { HistogramOptions, InstrumentOptions } from './metrics-facade.js';
import {
  CounterHandleImpl,
  GaugeHandleImpl,
  HistogramHandleImpl,
  UpDownCounterHandleImpl,
} from './recording-handles.js';
import { describeValue, type WarnOnce } from './warn-once.js';

/** OTel instrument name rules. */
const INSTRUMENT_NAME = /^[A-Za-z][A-Za-z0-9_./-]{0,254}$/;

const NOOP_METER = createNoopMeter();
const NOOP_COUNTER = NOOP_METER.createCounter('noop');
const NOOP_UP_DOWN_COUNTER = NOOP_METER.createUpDownCounter('noop');
const NOOP_GAUGE = NOOP_METER.createGauge('noop');
const NOOP_HISTOGRAM = NOOP_METER.createHistogram('noop');

/** Limits and scopes of one facade. */
export interface FacadeInstrumentsConfig {
  appMeterName: string;
  summaryMeterName: string;
  maxHandlesPerInstrument: number;
  maxInstrumentsPerKind: number;
}

/**
 * Default boundaries of histograms in seconds (`timed`, `timer`, or `unit: 's'`): those of the MCP
 * semantic conventions' operation duration histograms.
 */
export const SECONDS_BUCKETS: readonly number[] = Object.freeze([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300]);

/** OTel metric options from facade options: wrong-typed fields are ignored, bad buckets warned. */
function metricOptions(
  options: HistogramOptions | undefined,
  defaultUnit: string | undefined,
  metric: string,
  warnOnce: WarnOnce,
): MetricOptions {
  const description = typeof options?.description === 'string' ? options.description : undefined;
  const unit = typeof options?.unit === 'string' ? options.unit : defaultUnit;
  const buckets = options?.buckets;
  if (buckets === undefined) {
    // OTel's default boundaries (0..10000) suit milliseconds; a seconds histogram would put every
    // sample in its first bucket. Use the MCP semantic-convention duration boundaries instead.
    return unit === 's' ? { description, unit, advice: { explicitBucketBoundaries: SECONDS_BUCKETS.slice() } } : { description, unit };
  }
  const valid = Array.isArray(buckets) && buckets.every((b, i) => Number.isFinite(b) && (i === 0 || b > (buckets[i - 1] ?? b)));
  if (valid) return { description, unit, advice: { explicitBucketBoundaries: buckets.slice() } };
  warnOnce.warn(`histogram\u0000${metric}\u0000buckets`, () =>
    `mcp-otel: histogram "${metric}": buckets ${describeValue(buckets)} are not strictly increasing finite numbers; ` +
      'the default boundaries are used. Pass e.g. [0.01, 0.1, 1, 10].',
  );
  return { description, unit };
}

type Slot<I, H> = InstrumentSlot<I, H>;
type SlotMap<I, H> = Map<string, Slot<I, H>>;
type SpecParts<I, H> = Pick<SlotSpec<I, H>, 'rule' | 'noop' | 'create' | 'makeHandle' | 'makeCell' | 'fastSum'>;

/** Handles of the cell-backed kinds: a cell, or (past the cell bound) a direct OTel caller. */
type CounterHandleOf = CounterCell | CounterHandleImpl;
type UpDownCounterHandleOf = UpDownCounterCell | UpDownCounterHandleImpl;
type GaugeHandleOf = GaugeCell | GaugeHandleImpl;

/**
 * The slots of one facade, one bounded map per kind. A cache hit is one `Map.get`; the spec of a
 * new slot is only built on a miss. Counters, up-down counters and gauges of cached slots record
 * into cells that `flusher` writes into OTel at collection.
 */
export class FacadeInstruments {
  private readonly counters: SlotMap<Counter, CounterHandleOf> = new Map();
  private readonly upDownCounters: SlotMap<UpDownCounter, UpDownCounterHandleOf> = new Map();
  private readonly gauges: SlotMap<Gauge, GaugeHandleOf> = new Map();
  private readonly histograms: SlotMap<Histogram, HistogramHandleImpl> = new Map();
  private readonly summaries: SlotMap<Histogram, HistogramHandleImpl> = new Map();

  constructor(
    private readonly source: MeterSource,
    private readonly warnOnce: WarnOnce,
    private readonly config: FacadeInstrumentsConfig,
    private readonly flusher = new CellFlusher(source, config.appMeterName, warnOnce),
  ) {}

  counter(name: string, options?: InstrumentOptions): Slot<Counter, CounterHandleOf> {
    return (
      this.counters.get(name) ??
      this.add(this.counters, 'counter', name, {
        rule: 'nonNegative',
        noop: NOOP_COUNTER,
        create: (meter, n) => meter.createCounter(n, metricOptions(options, undefined, n, this.warnOnce)),
        makeHandle: (slot, attributes) => new CounterHandleImpl(slot, attributes),
        makeCell: (slot, store, attributes) => new CounterCell(slot, store, attributes),
        fastSum: true,
      })
    );
  }

  upDownCounter(name: string, options?: InstrumentOptions): Slot<UpDownCounter, UpDownCounterHandleOf> {
    return (
      this.upDownCounters.get(name) ??
      this.add(this.upDownCounters, 'upDownCounter', name, {
        rule: 'finite',
        noop: NOOP_UP_DOWN_COUNTER,
        create: (meter, n) => meter.createUpDownCounter(n, metricOptions(options, undefined, n, this.warnOnce)),
        makeHandle: (slot, attributes) => new UpDownCounterHandleImpl(slot, attributes),
        makeCell: (slot, store, attributes) => new UpDownCounterCell(slot, store, attributes),
        fastSum: true,
      })
    );
  }

  gauge(name: string, options?: InstrumentOptions): Slot<Gauge, GaugeHandleOf> {
    return (
      this.gauges.get(name) ??
      this.add(this.gauges, 'gauge', name, {
        rule: 'finite',
        noop: NOOP_GAUGE,
        create: (meter, n) => meter.createGauge(n, metricOptions(options, undefined, n, this.warnOnce)),
        makeHandle: (slot, attributes) => new GaugeHandleImpl(slot, attributes),
        makeCell: (slot, store, attributes) => new GaugeCell(slot, store, attributes),
      })
    );
  }

  /** `defaultUnit` applies when this call creates the slot (timers and `timed` pass `"s"`). */
  histogram(name: string, options?: HistogramOptions, defaultUnit?: string): Slot<Histogram, HistogramHandleImpl> {
    return (
      this.histograms.get(name) ??
      this.add(this.histograms, 'histogram', name, {
        rule: 'nonNegative',
        noop: NOOP_HISTOGRAM,
        create: (meter, n) => meter.createHistogram(n, metricOptions(options, defaultUnit, n, this.warnOnce)),
        makeHandle: (slot, attributes) => new HistogramHandleImpl(slot, attributes),
      })
    );
  }

  summary(name: string, options?: InstrumentOptions): Slot<Histogram, HistogramHandleImpl> {
    const { description, unit } = options ?? {};
    return (
      this.summaries.get(name) ??
      this.add(this.summaries, 'summary', name, {
        rule: 'nonNegative',
        noop: NOOP_HISTOGRAM,
        create: (meter, n) => meter.createHistogram(n, metricOptions({ description, unit }, undefined, n, this.warnOnce)),
        makeHandle: (slot, attributes) => new HistogramHandleImpl(slot, attributes),
      })
    );
  }

  private add<I, H>(slots: SlotMap<I, H>, kind: InstrumentKind, name: string, parts: SpecParts<I, H>): Slot<I, H> {
    const valid = typeof name === 'string' && INSTRUMENT_NAME.test(name);
    if (!valid) {
      this.warnOnce.warn(`name\u0000${String(name)}`, () =>
        `mcp-otel: invalid metric name ${describeValue(name)}; its ${kind} records nothing. ` +
          'A name starts with a letter and has at most 255 letters, digits, "_", ".", "-" or "/".',
      );
    }
    const meterName = kind === 'summary' ? this.config.summaryMeterName : this.config.appMeterName;
    const cached = slots.size < this.config.maxInstrumentsPerKind;
    const slot = new InstrumentSlot<I, H>(
      { kind, name: String(name), meterName, valid, ...parts },
      this.source,
      this.warnOnce,
      this.config.maxHandlesPerInstrument,
      cached ? this.flusher : undefined,
    );
    if (cached) slots.set(name, slot);
    else {
      this.warnOnce.warn(`${kind}\u0000full`, () =>
        `mcp-otel: more than ${this.config.maxInstrumentsPerKind} ${kind} names; further ones are not cached. ` +
          'Metric names must not carry variable data: put it in attributes.',
      );
    }
    return slot;
  }
}
