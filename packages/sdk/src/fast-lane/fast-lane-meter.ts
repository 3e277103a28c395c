import { diag } from '@opentelemetry/api';
import type {
  Attributes,
  BatchObservableCallback,
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
import { FastHistogram } from './fast-histogram.js';
import type { FastLane } from './fast-lane.js';
import { linkFastSum } from './fast-sum.js';
import type { MeterPlan } from './histogram-plan.js';

/**
 * A meter whose histograms take the fast lane; every other instrument is the delegate's own. The
 * OTel histogram is still created (OTel validates the name and reports registration conflicts as
 * usual) and returned when the fast lane cannot reproduce its aggregation; a fast histogram leaves
 * it empty, and OTel exports nothing for an empty instrument.
 */
export class FastLaneMeter implements Meter {
  constructor(
    private readonly delegate: Meter,
    private readonly scope: InstrumentationScope,
    private readonly plan: Extract<MeterPlan, { lane: 'fast' }>,
    private readonly fastLane: FastLane,
  ) {}

  createHistogram<A extends Attributes = Attributes>(name: string, options?: MetricOptions): Histogram<A> {
    const otel = this.delegate.createHistogram<A>(name, options);
    try {
      const storage = this.fastLane.storageFor(this.scope, this.plan, name, options);
      return storage === undefined ? otel : new FastHistogram<A>(storage);
    } catch (error) {
      // Options OTel accepted but the fast lane cannot read: the OTel instrument still works.
      diag.warn(`mcp-otel: histogram "${name}" could not take the fast lane; it records through OTel`, error);
      return otel;
    }
  }

  createCounter<A extends Attributes = Attributes>(name: string, options?: MetricOptions): Counter<A> {
    const otel = this.delegate.createCounter<A>(name, options);
    this.link(otel, 'counter', name, options);
    return otel;
  }

  createUpDownCounter<A extends Attributes = Attributes>(name: string, options?: MetricOptions): UpDownCounter<A> {
    const otel = this.delegate.createUpDownCounter<A>(name, options);
    this.link(otel, 'upDownCounter', name, options);
    return otel;
  }

  /**
   * Offers the facade a fast-lane storage for this counter (`fastSumStorageOf`), created on first
   * request; other callers keep using the OTel instrument as it is.
   */
  private link(otel: object, kind: 'counter' | 'upDownCounter', name: string, options: MetricOptions | undefined): void {
    linkFastSum(otel, () => {
      try {
        return this.fastLane.sumStorageFor(this.scope, this.plan, kind, name, options);
      } catch (error) {
        diag.warn(`mcp-otel: ${kind} "${name}" could not take the fast lane; it records through OTel`, error);
        return undefined;
      }
    });
  }

  createGauge<A extends Attributes = Attributes>(name: string, options?: MetricOptions): Gauge<A> {
    return this.delegate.createGauge<A>(name, options);
  }

  createObservableGauge<A extends Attributes = Attributes>(name: string, options?: MetricOptions): ObservableGauge<A> {
    return this.delegate.createObservableGauge<A>(name, options);
  }

  createObservableCounter<A extends Attributes = Attributes>(name: string, options?: MetricOptions): ObservableCounter<A> {
    return this.delegate.createObservableCounter<A>(name, options);
  }

  createObservableUpDownCounter<A extends Attributes = Attributes>(name: string, options?: MetricOptions): ObservableUpDownCounter<A> {
    return this.delegate.createObservableUpDownCounter<A>(name, options);
  }

  addBatchObservableCallback<A extends Attributes = Attributes>(callback: BatchObservableCallback<A>, observables: Observable<A>[]): void {
    this.delegate.addBatchObservableCallback<A>(callback, observables);
  }

  removeBatchObservableCallback<A extends Attributes = Attributes>(callback: BatchObservableCallback<A>, observables: Observable<A>[]): void {
    this.delegate.removeBatchObservableCallback<A>(callback, observables);
  }
}
