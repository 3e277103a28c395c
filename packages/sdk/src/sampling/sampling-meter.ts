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
import type { Prng } from './prng.js';
import { SampledHistogram } from './sampled-histogram.js';

/**
 * A meter whose histograms are sampled at `rate` (0 <= rate < 1); every other instrument is the
 * delegate's own, unsampled. `onSampled` is told the name of each sampled histogram, so the
 * collect-time transform scales exactly those.
 */
export class SamplingMeter implements Meter {
  constructor(
    private readonly delegate: Meter,
    private readonly rate: number,
    private readonly prng: Prng,
    private readonly onSampled: (instrumentName: string) => void,
  ) {}

  createHistogram<A extends Attributes = Attributes>(name: string, options?: MetricOptions): Histogram<A> {
    const histogram = this.delegate.createHistogram<A>(name, options);
    this.onSampled(name);
    return new SampledHistogram<A>(histogram, this.rate, this.prng);
  }

  createCounter<A extends Attributes = Attributes>(name: string, options?: MetricOptions): Counter<A> {
    return this.delegate.createCounter<A>(name, options);
  }

  createUpDownCounter<A extends Attributes = Attributes>(name: string, options?: MetricOptions): UpDownCounter<A> {
    return this.delegate.createUpDownCounter<A>(name, options);
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

  createObservableUpDownCounter<A extends Attributes = Attributes>(
    name: string,
    options?: MetricOptions,
  ): ObservableUpDownCounter<A> {
    return this.delegate.createObservableUpDownCounter<A>(name, options);
  }

  addBatchObservableCallback<A extends Attributes = Attributes>(
    callback: BatchObservableCallback<A>,
    observables: Observable<A>[],
  ): void {
    this.delegate.addBatchObservableCallback<A>(callback, observables);
  }

  removeBatchObservableCallback<A extends Attributes = Attributes>(
    callback: BatchObservableCallback<A>,
    observables: Observable<A>[],
  ): void {
    this.delegate.removeBatchObservableCallback<A>(callback, observables);
  }
}
