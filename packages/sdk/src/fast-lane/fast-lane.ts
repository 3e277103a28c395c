import { diag, ValueType } from '@opentelemetry/api';
import type { MeterProvider, MetricOptions } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import { AggregationTemporality, AggregationType, InstrumentType } from '@opentelemetry/sdk-metrics';
import type { AggregationOption } from '@opentelemetry/sdk-metrics';
import { FastHistogramStorage } from './fast-histogram-storage.js';
import { FastLaneMeterProvider } from './fast-lane-meter-provider.js';
import { FastLaneProducer, type ReaderSelectors, type SumSelection } from './fast-lane-producer.js';
import { FastSumStorage } from './fast-sum-storage.js';
import { planHistogram, planMeter, planSum, type FastLaneConfig, type MeterPlan } from './histogram-plan.js';

/** Options of {@link FastLane}. */
export interface FastLaneOptions {
  /** The resolved config whose `components` built the views (`createViews`) and `cardinalityLimit`. */
  config: FastLaneConfig;
  /** Wall clock in ms, read once per new series and once per collection. @default () => Date.now() */
  now?: () => number;
}

/** The fast histograms of one meter (instrumentation scope), in creation order. */
export interface FastScope {
  readonly scope: InstrumentationScope;
  readonly storages: Map<string, FastHistogramStorage>;
  /** Fast counters and up-down counters (facade series), in creation order. */
  readonly sums: Map<string, FastSumStorage>;
}

/** The sum instrument kinds the fast lane takes (from the facade). */
export type SumKind = 'counter' | 'upDownCounter';

/**
 * The histogram fast lane: histograms aggregated in place (cells found by attribute-object
 * identity, no clock read per measurement), read by one `MetricProducer` per reader, which turns
 * them into the same `ScopeMetrics` OTel would export. Build it, give each reader its producer,
 * then wrap the SDK provider.
 *
 * @example
 * ```ts
 * const fastLane = new FastLane({ config: resolved });
 * const otlp = new PeriodicExportingMetricReader({ exporter, metricProducers: [fastLane.createProducer(exporter)] });
 * const prometheus = new PrometheusExporter({ metricProducers: [fastLane.createProducer()] });
 * const sdk = new MeterProvider({ views: createViews(resolved), readers: [otlp, prometheus] });
 * const provider = fastLane.wrap(sdk); // hand this one to the host (and to SamplingMeterProvider)
 * ```
 */
export class FastLane {
  readonly config: FastLaneConfig;
  readonly now: () => number;
  /** Fast histograms by scope, in meter creation order. */
  readonly scopes = new Map<string, FastScope>();
  private readonly producers: FastLaneProducer[] = [];
  private deltaReaders = 0;
  private readonly meterPlans = new Map<string, MeterPlan>();

  constructor(options: FastLaneOptions) {
    this.config = options.config;
    // Read through Date at each call, so a clock faked after construction (tests) applies, as in OTel.
    this.now = options.now ?? (() => Date.now());
  }

  /**
   * The `MetricProducer` of one reader: pass it in that reader's `metricProducers`. `selectors` are
   * what the reader selects with (for a `PeriodicExportingMetricReader`, its exporter); omitted, the
   * `MetricReader` defaults apply (default aggregation, cumulative), as for `PrometheusExporter`.
   * Create every producer before the first instrument.
   */
  createProducer(selectors: ReaderSelectors = {}): FastLaneProducer {
    const temporality = selectors.selectAggregationTemporality?.(InstrumentType.HISTOGRAM) ?? AggregationTemporality.CUMULATIVE;
    const aggregation: AggregationOption = selectors.selectAggregation?.(InstrumentType.HISTOGRAM) ?? { type: AggregationType.DEFAULT };
    if (this.scopes.size > 0) diag.warn('mcp-otel: a fast-lane producer was added after fast histograms were created; create producers first');
    const deltaIndex = temporality === AggregationTemporality.DELTA ? this.deltaReaders++ : undefined;
    const sums: SumSelection = {
      counter: sumSelection(selectors, InstrumentType.COUNTER),
      upDownCounter: sumSelection(selectors, InstrumentType.UP_DOWN_COUNTER),
    };
    const producer = new FastLaneProducer(this, temporality, aggregation, deltaIndex, sums);
    this.producers.push(producer);
    return producer;
  }

  /** The provider to hand to the host, wrapping the SDK provider whose readers carry the producers. */
  wrap(delegate: MeterProvider): FastLaneMeterProvider {
    return new FastLaneMeterProvider(delegate, this);
  }

  /** What OTel's views do with the histograms of a meter (memoized: meter names are few). */
  planMeter(meterName: string): MeterPlan {
    let plan = this.meterPlans.get(meterName);
    if (plan === undefined) {
      plan = planMeter(meterName, this.config);
      if (this.meterPlans.size < 10_000) this.meterPlans.set(meterName, plan);
    }
    return plan;
  }

  /**
   * The storage of histogram `name` in `scope`, shared by every histogram registered with a
   * compatible descriptor (OTel: same name ignoring case, unit and value type; the longer
   * description wins). `undefined` when the fast lane cannot reproduce its aggregation.
   */
  storageFor(scope: InstrumentationScope, plan: Extract<MeterPlan, { lane: 'fast' }>, name: string, options: MetricOptions | undefined): FastHistogramStorage | undefined {
    const histogram = planHistogram(plan, options?.advice, this.producers.map((producer) => producer.aggregation));
    if (histogram === undefined) return undefined;
    const fastScope = this.scopeOf(scope);
    const unit = options?.unit ?? '';
    const valueType = options?.valueType ?? ValueType.DOUBLE;
    const description = options?.description ?? '';
    const key = `${name.toLowerCase()}\u0000${unit}\u0000${valueType}`;
    const existing = fastScope.storages.get(key);
    if (existing !== undefined) {
      const descriptor = existing.settings.descriptor;
      if (description.length > descriptor.description.length) existing.settings.descriptor = { ...descriptor, description };
      return existing;
    }
    const storage = new FastHistogramStorage({
      descriptor: { name, type: InstrumentType.HISTOGRAM, description, unit, valueType, advice: options?.advice ?? {} },
      boundaries: histogram.boundaries,
      recordMinMax: histogram.recordMinMax,
      allowList: histogram.allowList,
      cardinalityLimit: this.config.cardinalityLimit,
      now: this.now,
      deltaReaders: () => this.deltaReaders,
    });
    fastScope.storages.set(key, storage);
    return storage;
  }

  /**
   * The storage of counter (or up-down counter) `name` in `scope`, shared like histograms' (OTel's
   * identity: kind, name ignoring case, unit, value type). `undefined` when the fast lane cannot
   * reproduce its aggregation for every reader.
   */
  sumStorageFor(scope: InstrumentationScope, plan: Extract<MeterPlan, { lane: 'fast' }>, kind: SumKind, name: string, options: MetricOptions | undefined): FastSumStorage | undefined {
    const sum = planSum(plan, this.producers.map((producer) => producer.sums[kind].aggregation));
    if (sum === false) return undefined;
    const fastScope = this.scopeOf(scope);
    const unit = options?.unit ?? '';
    const valueType = options?.valueType ?? ValueType.DOUBLE;
    const description = options?.description ?? '';
    const key = `${kind}\u0000${name.toLowerCase()}\u0000${unit}\u0000${valueType}`;
    const existing = fastScope.sums.get(key);
    if (existing !== undefined) {
      const descriptor = existing.settings.descriptor;
      if (description.length > descriptor.description.length) existing.settings.descriptor = { ...descriptor, description };
      return existing;
    }
    const type = kind === 'counter' ? InstrumentType.COUNTER : InstrumentType.UP_DOWN_COUNTER;
    const storage = new FastSumStorage({
      descriptor: { name, type, description, unit, valueType, advice: options?.advice ?? {} },
      monotonic: kind === 'counter',
      allowList: sum.allowList,
      cardinalityLimit: this.config.cardinalityLimit,
      now: this.now,
    });
    fastScope.sums.set(key, storage);
    return storage;
  }

  private scopeOf(scope: InstrumentationScope): FastScope {
    const id = `${scope.name}\u0000${scope.version ?? ''}\u0000${scope.schemaUrl ?? ''}`;
    let fastScope = this.scopes.get(id);
    if (fastScope === undefined) {
      fastScope = { scope, storages: new Map(), sums: new Map() };
      this.scopes.set(id, fastScope);
    }
    return fastScope;
  }
}

function sumSelection(selectors: ReaderSelectors, type: InstrumentType): SumSelection['counter'] {
  return {
    temporality: selectors.selectAggregationTemporality?.(type) ?? AggregationTemporality.CUMULATIVE,
    aggregation: selectors.selectAggregation?.(type) ?? { type: AggregationType.DEFAULT },
  };
}
