import type { ExponentialHistogram, Histogram } from '@opentelemetry/sdk-metrics';

/**
 * One value to send as a StatsD timer, standing for `count` measurements. OTel aggregates before
 * export, so only bucket counts, sum, min and max are known, not the measurements themselves.
 */
export interface TimerSample {
  value: number;
  count: number;
}

// Time units of the OTel/UCUM vocabulary, to milliseconds (StatsD timers are in ms).
const MS_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1e3,
  min: 6e4,
  h: 3.6e6,
  d: 8.64e7,
};

/** The factor that turns a histogram's values into milliseconds; 1 for units that are not times. */
export function millisecondsPerUnit(unit: string): number {
  return MS_PER_UNIT[unit] ?? 1;
}

/**
 * Representative samples of an explicit-bucket histogram point, one per non-empty bucket:
 * - a single non-empty bucket (which includes a single measurement) sends the exact mean `sum/count`;
 * - otherwise each bucket sends the midpoint of its bounds clamped to the point's `[min, max]`
 *   (so the open-ended first and last buckets use `min` and `max`), except that a lowest or
 *   highest bucket holding one measurement sends that measurement: `min` or `max`.
 */
export function explicitHistogramSamples(point: Histogram): TimerSample[] {
  const { boundaries, counts } = point.buckets;
  const buckets: { lower: number; upper: number; count: number }[] = [];
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i] ?? 0;
    if (count <= 0) continue;
    const lowerBound = i === 0 ? undefined : boundaries[i - 1];
    const upperBound = i < boundaries.length ? boundaries[i] : undefined;
    const lower = lowerBound ?? point.min ?? Math.min(0, upperBound ?? 0);
    const upper = upperBound ?? point.max ?? lower;
    buckets.push({ lower, upper, count });
  }
  return toSamples(buckets, point);
}

/**
 * Representative samples of an exponential histogram point: the zero bucket as `0`, each
 * non-empty positive bucket `(base^i, base^(i+1)]` as its clamped midpoint. Negative buckets are
 * skipped: StatsD timers are non-negative (the Etsy daemon rejects `-1|ms`).
 */
export function exponentialHistogramSamples(point: ExponentialHistogram): TimerSample[] {
  const buckets: { lower: number; upper: number; count: number }[] = [];
  if (point.zeroCount > 0) buckets.push({ lower: 0, upper: 0, count: point.zeroCount });
  const step = Math.pow(2, -point.scale);
  const { offset, bucketCounts } = point.positive;
  for (let i = 0; i < bucketCounts.length; i++) {
    const count = bucketCounts[i] ?? 0;
    if (count <= 0) continue;
    const index = offset + i;
    buckets.push({ lower: Math.pow(2, index * step), upper: Math.pow(2, (index + 1) * step), count });
  }
  const negativeCount = point.negative.bucketCounts.reduce((sum, count) => sum + count, 0);
  // With negative values present the mean no longer belongs to the positive buckets.
  return toSamples(buckets, negativeCount > 0 ? { ...point, sum: undefined } : point);
}

function toSamples(
  buckets: { lower: number; upper: number; count: number }[],
  point: { sum?: number; count: number; min?: number; max?: number },
): TimerSample[] {
  const only = buckets.length === 1 ? buckets[0] : undefined;
  if (only !== undefined && point.sum !== undefined && only.count === point.count && point.count > 0) {
    return [{ value: point.sum / point.count, count: only.count }];
  }
  const last = buckets.length - 1;
  return buckets.map(({ lower, upper, count }, index) => {
    // The lowest bucket holds the minimum, the highest the maximum: alone there, they are exact.
    if (count === 1 && index === 0 && point.min !== undefined) return { value: point.min, count };
    if (count === 1 && index === last && point.max !== undefined) return { value: point.max, count };
    const low = Math.max(lower, point.min ?? lower);
    const high = Math.max(low, Math.min(upper, point.max ?? upper));
    return { value: (low + high) / 2, count };
  });
}
