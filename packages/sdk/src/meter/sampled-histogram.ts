import type { Attributes, Context, Histogram } from '@opentelemetry/api';
import type { KeepProbability } from '../aggregate/keep-probability.js';

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
