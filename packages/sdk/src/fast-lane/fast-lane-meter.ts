import { diag } from '@opentelemetry/api';
import type { Attributes, Counter, Histogram, Meter, MetricOptions, UpDownCounter } from '@opentelemetry/api';
import { DelegatingMeter } from '../meter/delegating-meter.js';
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
export class FastLaneMeter extends DelegatingMeter {
  constructor(
    delegate: Meter,
    private readonly scope: InstrumentationScope,
    private readonly plan: Extract<MeterPlan, { lane: 'fast' }>,
    private readonly fastLane: FastLane,
  ) {
    super(delegate);
  }

  override createHistogram<A extends Attributes = Attributes>(name: string, options?: MetricOptions): Histogram<A> {
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

  override createCounter<A extends Attributes = Attributes>(name: string, options?: MetricOptions): Counter<A> {
    const otel = this.delegate.createCounter<A>(name, options);
    this.link(otel, 'counter', name, options);
    return otel;
  }

  override createUpDownCounter<A extends Attributes = Attributes>(name: string, options?: MetricOptions): UpDownCounter<A> {
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
}
