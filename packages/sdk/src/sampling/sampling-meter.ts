import type { Attributes, Histogram, Meter, MetricOptions } from '@opentelemetry/api';
import { DelegatingMeter } from '../meter/delegating-meter.js';
import type { Prng } from './prng.js';
import { SampledHistogram } from './sampled-histogram.js';

/**
 * A meter whose histograms are sampled at `rate` (0 <= rate < 1); every other instrument is the
 * delegate's own, unsampled. `onSampled` is told the name of each sampled histogram, so the
 * collect-time transform scales exactly those.
 */
export class SamplingMeter extends DelegatingMeter {
  constructor(
    delegate: Meter,
    private readonly rate: number,
    private readonly prng: Prng,
    private readonly onSampled: (instrumentName: string) => void,
  ) {
    super(delegate);
  }

  override createHistogram<A extends Attributes = Attributes>(name: string, options?: MetricOptions): Histogram<A> {
    const histogram = this.delegate.createHistogram<A>(name, options);
    this.onSampled(name);
    return new SampledHistogram<A>(histogram, this.rate, this.prng);
  }
}
