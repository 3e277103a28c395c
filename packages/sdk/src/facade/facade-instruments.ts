import { createNoopMeter, type Meter, type MeterProvider, type MetricOptions } from '@opentelemetry/api';
import { SeriesInstrument } from '../aggregate/series-instrument.js';
import type { Series, Storage } from '../aggregate/storage.js';
import { describeValue, type ValueKind } from '../aggregate/value-problems.js';
import { SUMMARY_METER_NAME } from '../plan/meter-names.js';
import { EMPTY_ATTRIBUTES } from '../aggregate/series-key.js';
import { sanitizeAttributes } from './attribute-set.js';
import type { CounterHandle, FacadeAttributes, GaugeHandle, HistogramHandle, HistogramOptions, InstrumentOptions, SummaryHandle, UpDownCounterHandle } from './handles.js';
import { PlainHandles, type OtelInstrument } from './plain-handles.js';
import type { WarnOnce } from './warn-once.js';

/** The handles of one instrument, by attribute set. */
export interface InstrumentHandles<H> {
  handle(attributes: FacadeAttributes | undefined): H;
}

/** Where the facade's functions get their handles: one entry per (kind, name). */
export interface HandleSource {
  counter(name: string, options?: InstrumentOptions): InstrumentHandles<CounterHandle>;
  upDownCounter(name: string, options?: InstrumentOptions): InstrumentHandles<UpDownCounterHandle>;
  gauge(name: string, options?: InstrumentOptions): InstrumentHandles<GaugeHandle>;
  /** `defaultUnit` applies when this call creates the instrument (timers and `timed` pass `"s"`). */
  histogram(name: string, options?: HistogramOptions, defaultUnit?: string): InstrumentHandles<HistogramHandle>;
  summary(name: string, options?: InstrumentOptions): InstrumentHandles<SummaryHandle>;
}

/** Limits and scope of one facade. */
export interface FacadeLimits {
  meterName: string;
  maxHandlesPerInstrument: number;
  maxInstrumentsPerKind: number;
}

/**
 * A facade's instruments, one bounded map per kind (a field each, so a hit is one `Map.get`). Past
 * `capacity` names of one kind, entries are still made but not kept, with one warning: names must
 * not carry variable data.
 */
export class InstrumentTable<E> {
  readonly counter = new Map<string, E>();
  readonly upDownCounter = new Map<string, E>();
  readonly gauge = new Map<string, E>();
  readonly histogram = new Map<string, E>();
  readonly summary = new Map<string, E>();

  constructor(
    private readonly capacity: number,
    private readonly warnOnce: WarnOnce,
  ) {}

  /** Keeps `entry` under (kind, name) while there is room; returns it either way. */
  keep(kind: ValueKind, name: string, entry: E): E {
    const table = this[kind];
    if (table.size < this.capacity) table.set(name, entry);
    else {
      this.warnOnce.warn(`${kind}\u0000full`, () =>
        `mcp-otel: more than ${this.capacity} ${kind} names; further ones are not cached. Metric names must not carry variable data: put it in attributes.`,
      );
    }
    return entry;
  }
}

/** OTel instrument name rules. */
const INSTRUMENT_NAME = /^[A-Za-z][A-Za-z0-9_./-]{0,254}$/;

const NOOP_METER = createNoopMeter();

/**
 * Default boundaries of histograms in seconds (`timed`, `timer`, or `unit: 's'`): those of the MCP
 * semantic conventions' operation duration histograms.
 */
export const SECONDS_BUCKETS: readonly number[] = Object.freeze([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300]);

/**
 * The instruments of a facade over one provider. Each is created once, on the provider's meter:
 * when the provider hands back one of our `SeriesInstrument`s, its handles are the storage's series
 * (`Storage.handleFor`); otherwise they call the OTel instrument (`PlainHandles`).
 */
export class FacadeInstruments implements HandleSource {
  private readonly table: InstrumentTable<InstrumentHandles<unknown>>;
  private readonly meters = new Map<string, Meter>();

  constructor(
    private readonly provider: MeterProvider,
    private readonly warnOnce: WarnOnce,
    private readonly limits: FacadeLimits,
  ) {
    this.table = new InstrumentTable(limits.maxInstrumentsPerKind, warnOnce);
  }

  counter(name: string, options?: InstrumentOptions): InstrumentHandles<CounterHandle> {
    return (this.table.counter.get(name) ?? this.add('counter', name, options)) as InstrumentHandles<CounterHandle>;
  }

  upDownCounter(name: string, options?: InstrumentOptions): InstrumentHandles<UpDownCounterHandle> {
    return (this.table.upDownCounter.get(name) ?? this.add('upDownCounter', name, options)) as InstrumentHandles<UpDownCounterHandle>;
  }

  gauge(name: string, options?: InstrumentOptions): InstrumentHandles<GaugeHandle> {
    return (this.table.gauge.get(name) ?? this.add('gauge', name, options)) as InstrumentHandles<GaugeHandle>;
  }

  histogram(name: string, options?: HistogramOptions, defaultUnit?: string): InstrumentHandles<HistogramHandle> {
    return (this.table.histogram.get(name) ?? this.add('histogram', name, options, defaultUnit)) as InstrumentHandles<HistogramHandle>;
  }

  summary(name: string, options?: InstrumentOptions): InstrumentHandles<SummaryHandle> {
    return (this.table.summary.get(name) ?? this.add('summary', name, { description: options?.description, unit: options?.unit })) as InstrumentHandles<SummaryHandle>;
  }

  private add(kind: ValueKind, name: string, options: HistogramOptions | undefined, defaultUnit?: string): InstrumentHandles<unknown> {
    return this.table.keep(kind, name, this.create(kind, name, options, defaultUnit));
  }

  private create(kind: ValueKind, name: string, options: HistogramOptions | undefined, defaultUnit: string | undefined): InstrumentHandles<unknown> {
    const instrument = this.instrument(kind, name, options, defaultUnit);
    if (instrument instanceof SeriesInstrument) return new SeriesHandles(instrument.storage, name, this.warnOnce);
    return new PlainHandles(kind, instrument, String(name), this.warnOnce, this.limits.maxHandlesPerInstrument);
  }

  /** The instrument on the provider's meter; a no-op one for an invalid name or a failing provider. */
  private instrument(kind: ValueKind, name: string, options: HistogramOptions | undefined, defaultUnit: string | undefined): OtelInstrument {
    let meter = NOOP_METER;
    if (typeof name !== 'string' || !INSTRUMENT_NAME.test(name)) {
      this.warnOnce.warn(`name\u0000${String(name)}`, () =>
        `mcp-otel: invalid metric name ${describeValue(name)}; its ${kind} records nothing. ` +
          'A name starts with a letter and has at most 255 letters, digits, "_", ".", "-" or "/".',
      );
    } else {
      try {
        meter = this.meter(kind === 'summary' ? SUMMARY_METER_NAME : this.limits.meterName);
        return createOn(meter, kind, name, metricOptions(options, defaultUnit, name, this.warnOnce));
      } catch (error) {
        this.warnOnce.warn(`${kind}\u0000${name}\u0000create`, () => `mcp-otel: could not create ${kind} "${name}" (${String(error)}); its values are dropped.`);
      }
    }
    return createOn(NOOP_METER, kind, 'noop', {});
  }

  private meter(name: string): Meter {
    let meter = this.meters.get(name);
    if (meter === undefined) {
      meter = this.provider.getMeter(name);
      this.meters.set(name, meter);
    }
    return meter;
  }
}

/** Handles that are the series of one of our storages. */
class SeriesHandles implements InstrumentHandles<Series> {
  /** Made once: the lookup path allocates nothing. */
  private readonly sanitize: (raw: FacadeAttributes | undefined) => Readonly<FacadeAttributes>;

  constructor(
    private readonly storage: Storage<Series>,
    name: string,
    warnOnce: WarnOnce,
  ) {
    this.sanitize = (raw) => (raw === undefined || raw === null ? EMPTY_ATTRIBUTES : sanitizeAttributes(raw, name, warnOnce));
  }

  handle(attributes: FacadeAttributes | undefined): Series {
    return this.storage.handleFor(attributes, this.sanitize);
  }
}

function createOn(meter: Meter, kind: ValueKind, name: string, options: MetricOptions): OtelInstrument {
  switch (kind) {
    case 'counter':
      return meter.createCounter(name, options);
    case 'upDownCounter':
      return meter.createUpDownCounter(name, options);
    case 'gauge':
      return meter.createGauge(name, options);
    case 'histogram':
    case 'summary':
      return meter.createHistogram(name, options);
  }
}

/** OTel metric options from facade options: wrong-typed fields are ignored, bad buckets warned. */
function metricOptions(options: HistogramOptions | undefined, defaultUnit: string | undefined, metric: string, warnOnce: WarnOnce): MetricOptions {
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
