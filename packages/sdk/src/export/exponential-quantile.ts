import type { ExponentialHistogram } from '@opentelemetry/sdk-metrics';
import { exponentialBase, exponentialLowerBound } from './exponential-bounds.js';

/**
 * How a quantile is placed inside its bucket (lower bound L, upper bound U = L * base):
 * - `harmonic`: 2LU / (L + U). Worst-case error relative to the true value: (base - 1) / (base + 1),
 *   the smallest possible for a point estimate (the DDSketch estimator).
 * - `geometric`: sqrt(LU), the log-midpoint. Worst-case relative error: sqrt(base) - 1.
 */
export type QuantileEstimator = 'harmonic' | 'geometric';

/** Worst-case relative error of `estimator` at `scale` (see docs/facade.md for the derivation). */
export function quantileErrorBound(scale: number, estimator: QuantileEstimator = 'harmonic'): number {
  const base = exponentialBase(scale);
  return estimator === 'harmonic' ? (base - 1) / (base + 1) : Math.sqrt(base) - 1;
}

function estimate(lower: number, upper: number, estimator: QuantileEstimator): number {
  return estimator === 'harmonic' ? (2 * lower * upper) / (lower + upper) : Math.sqrt(lower * upper);
}

/**
 * The `q`-quantile (0..1) of an exponential histogram: the bucket holding the value of rank
 * ceil(q * count) (1-based), estimated with `estimator` and clamped to [min, max]. `undefined`
 * when the histogram is empty or `q` is outside 0..1.
 *
 * @example
 * ```ts
 * import { exponentialHistogramQuantile } from '@mcp-otel/sdk';
 *
 * // `histogram`: the value of an exported summary's data point.
 * const p99 = exponentialHistogramQuantile(histogram, 0.99);
 * ```
 */
export function exponentialHistogramQuantile(
  histogram: ExponentialHistogram,
  q: number,
  estimator: QuantileEstimator = 'harmonic',
): number | undefined {
  if (!(q >= 0 && q <= 1) || !(histogram.count > 0)) return undefined;
  const rank = Math.max(1, Math.ceil(q * histogram.count));
  const { scale, negative, positive } = histogram;
  const clamp = (value: number): number =>
    Math.min(histogram.max ?? Infinity, Math.max(histogram.min ?? -Infinity, value));
  const magnitude = (index: number): number =>
    estimate(exponentialLowerBound(index, scale), exponentialLowerBound(index + 1, scale), estimator);

  let seen = 0;
  for (let k = negative.bucketCounts.length - 1; k >= 0; k--) {
    seen += negative.bucketCounts[k] ?? 0;
    if (seen >= rank) return clamp(-magnitude(negative.offset + k));
  }
  seen += histogram.zeroCount;
  if (seen >= rank) return clamp(0);
  for (let k = 0; k < positive.bucketCounts.length; k++) {
    seen += positive.bucketCounts[k] ?? 0;
    if (seen >= rank) return clamp(magnitude(positive.offset + k));
  }
  // Counts short of `count` (not produced by OTel): the largest value seen is the best answer.
  return histogram.max;
}
