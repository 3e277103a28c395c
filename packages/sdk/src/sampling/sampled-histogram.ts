import type { Attributes, Context, Histogram } from '@opentelemetry/api';
import type { Prng } from './prng.js';

/**
 * A histogram that forwards each measurement independently with probability `rate`. The
 * collect-time transform `scaleSampledHistograms` divides what was kept by `rate`.
 */
export class SampledHistogram<A extends Attributes = Attributes> implements Histogram<A> {
  /** A draw below the threshold keeps the measurement: P(keep) = threshold / 2^32 = rate. */
  private readonly threshold: number;

  constructor(
    readonly inner: Histogram<A>,
    readonly rate: number,
    private readonly prng: Prng,
  ) {
    this.threshold = Math.round(rate * 0x1_0000_0000);
  }

  record(value: number, attributes?: A, context?: Context): void {
    if (this.prng.nextUint32() < this.threshold) this.inner.record(value, attributes, context);
  }
}
