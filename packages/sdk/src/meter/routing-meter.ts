import type {
  Attributes,
  BatchObservableCallback,
  Context,
  Counter,
  Gauge,
  Histogram,
  Meter,
  MetricOptions,
  Observable,
  ObservableCounter,
  ObservableGauge,
  ObservableUpDownCounter,
  UpDownCounter,
} from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { KeepProbability } from '../aggregate/keep-probability.js';
import { SeriesInstrument } from '../aggregate/series-instrument.js';
import type { StorageRegistry } from '../aggregate/storage-registry.js';
import type { MeterPlan } from '../plan/plan.js';
import { route, type SeriesKind } from '../plan/route.js';

/**
 * A meter whose instruments go where `route()` says. OTel's instrument is created in every case,
 * so OTel checks the name and reports registration conflicts as usual; when our series take the
 * instrument, OTel's stays empty, and OTel exports nothing for an empty instrument.
 */
export class RoutingMeter implements Meter {
  constructor(
    private readonly otel: Meter,
    private readonly scope: InstrumentationScope,
    private readonly plan: Exclude<MeterPlan, { kind: 'drop' }>,
    private readonly registry: StorageRegistry,
  ) {}

  createCounter<A extends Attributes = Attributes>(name: string, options?: MetricOptions): Counter<A> {
    return this.routed('counter', name, options, this.otel.createCounter<A>(name, options));
  }

  createUpDownCounter<A extends Attributes = Attributes>(name: string, options?: MetricOptions): UpDownCounter<A> {
    return this.routed('upDownCounter', name, options, this.otel.createUpDownCounter<A>(name, options));
  }

  createGauge<A extends Attributes = Attributes>(name: string, options?: MetricOptions): Gauge<A> {
    return this.routed('gauge', name, options, this.otel.createGauge<A>(name, options));
  }

  createHistogram<A extends Attributes = Attributes>(name: string, options?: MetricOptions): Histogram<A> {
    const otel = this.otel.createHistogram<A>(name, options);
    const decided = route(this.plan, 'histogram', options?.advice);
    if (decided.to === 'ours') return new SeriesInstrument<A>(this.registry.storageFor(this.scope, decided, name, options));
    const keep = this.registry.keepProbability(decided.samplingRate);
    return keep === undefined ? otel : new SampledHistogram<A>(otel, keep);
  }

  createObservableCounter<A extends Attributes = Attributes>(name: string, options?: MetricOptions): ObservableCounter<A> {
    return this.otel.createObservableCounter<A>(name, options);
  }

  createObservableUpDownCounter<A extends Attributes = Attributes>(name: string, options?: MetricOptions): ObservableUpDownCounter<A> {
    return this.otel.createObservableUpDownCounter<A>(name, options);
  }

  createObservableGauge<A extends Attributes = Attributes>(name: string, options?: MetricOptions): ObservableGauge<A> {
    return this.otel.createObservableGauge<A>(name, options);
  }

  addBatchObservableCallback<A extends Attributes = Attributes>(callback: BatchObservableCallback<A>, observables: Observable<A>[]): void {
    this.otel.addBatchObservableCallback<A>(callback, observables);
  }

  removeBatchObservableCallback<A extends Attributes = Attributes>(callback: BatchObservableCallback<A>, observables: Observable<A>[]): void {
    this.otel.removeBatchObservableCallback<A>(callback, observables);
  }

  /** Counters, up-down counters and gauges: our series when routed there, else OTel's instrument. */
  private routed<I>(kind: Exclude<SeriesKind, 'histogram'>, name: string, options: MetricOptions | undefined, otel: I): I {
    const decided = route(this.plan, kind, options?.advice);
    return decided.to === 'ours' ? (new SeriesInstrument(this.registry.storageFor(this.scope, decided, name, options)) as I) : otel;
  }
}

/**
 * An OTel histogram of a sampled meter that OTel aggregates (summaries, or own aggregation off):
 * each measurement reaches it with the meter's keep-probability, as our histogram series keep
 * theirs; the collect transform scales both back alike.
 */
export class SampledHistogram<A extends Attributes = Attributes> implements Histogram<A> {
  constructor(
    readonly inner: Histogram<A>,
    private readonly keep: KeepProbability,
  ) {}

  record(value: number, attributes?: A, context?: Context): void {
    if (this.keep.keep()) this.inner.record(value, attributes, context);
  }
}
