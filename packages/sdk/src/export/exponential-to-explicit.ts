import {
  DataPointType,
  type ExponentialHistogram,
  type Histogram,
  type HistogramMetricData,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { mapMetrics } from './map-metrics.js';
import { exponentialLowerBound, exponentialUpperBound } from './exponential-bounds.js';

/** Builds explicit buckets, keeping boundaries finite and strictly increasing. */
class ExplicitBuilder {
  readonly boundaries: number[] = [];
  readonly counts: number[] = [];
  private carry = 0;
  private overflow = 0;

  /** Adds the bucket (previous boundary, `boundary`] holding `count` values. */
  push(boundary: number, count: number): void {
    const last = this.boundaries[this.boundaries.length - 1];
    if (boundary === -Infinity) this.carry += count;
    else if (boundary === Infinity) this.overflow += count;
    else if (last !== undefined && boundary <= last) {
      // Subnormal magnitudes can round two bounds together: merge into the previous bucket.
      const previous = this.counts.length - 1;
      this.counts[previous] = (this.counts[previous] ?? 0) + count;
    } else {
      this.boundaries.push(boundary);
      this.counts.push(count + this.carry);
      this.carry = 0;
    }
  }

  /** The histogram buckets, the last count being the `+Inf` bucket. */
  finish(): Histogram['buckets'] {
    this.counts.push(this.carry + this.overflow);
    return { boundaries: this.boundaries, counts: this.counts };
  }
}

/**
 * An exponential histogram as explicit buckets whose boundaries are its bucket bounds, so a
 * Prometheus classic histogram carries the same resolution. Value order, as `le` needs:
 * - negative buckets (if any): an empty bucket up to the most negative bound, then one `le` per
 *   bucket at its upper end (-base^index);
 * - `le="0"` holding the zero bucket, when there are zeros or negatives;
 * - positive buckets: an empty bucket up to the lowest bound base^offset (a lower edge for
 *   `histogram_quantile`'s interpolation), then one `le` per bucket at base^(index+1);
 * - `+Inf` holding nothing (every value is in a finite bucket).
 * Count, sum, min and max are kept.
 */
export function explicitFromExponential(value: ExponentialHistogram): Histogram {
  const builder = new ExplicitBuilder();
  const { scale, negative, positive } = value;
  if (negative.bucketCounts.length > 0) {
    builder.push(-exponentialUpperBound(negative.offset + negative.bucketCounts.length - 1, scale), 0);
    for (let k = negative.bucketCounts.length - 1; k >= 0; k--) {
      builder.push(-exponentialLowerBound(negative.offset + k, scale), negative.bucketCounts[k] ?? 0);
    }
  }
  if (value.zeroCount > 0 || negative.bucketCounts.length > 0) builder.push(0, value.zeroCount);
  if (positive.bucketCounts.length > 0) {
    builder.push(exponentialLowerBound(positive.offset, scale), 0);
    positive.bucketCounts.forEach((count, k) => builder.push(exponentialUpperBound(positive.offset + k, scale), count));
  }
  return { buckets: builder.finish(), count: value.count, sum: value.sum, min: value.min, max: value.max };
}

/**
 * Converts every exponential histogram to explicit buckets (`explicitFromExponential`), because
 * the Prometheus text format has no exponential histograms (OTel's own serializer drops them). For
 * Prometheus text outputs only; OTLP carries exponential histograms natively. Never mutates its input.
 */
export function exponentialToExplicitHistograms(resourceMetrics: ResourceMetrics): ResourceMetrics {
  return mapMetrics(resourceMetrics, (metric) => {
    if (metric.dataPointType !== DataPointType.EXPONENTIAL_HISTOGRAM) return metric;
    const converted: HistogramMetricData = {
      descriptor: metric.descriptor,
      aggregationTemporality: metric.aggregationTemporality,
      dataPointType: DataPointType.HISTOGRAM,
      dataPoints: metric.dataPoints.map((point) => ({
        attributes: point.attributes,
        startTime: point.startTime,
        endTime: point.endTime,
        value: explicitFromExponential(point.value),
      })),
    };
    return converted;
  });
}
