import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import type { ExponentialHistogram } from '@opentelemetry/sdk-metrics';
import { createMetricsFacade } from '../../src/facade/metrics-facade';
import { summaryViews } from '../../src/plan/plan-views';
import { Mulberry32 } from '../../src/aggregate/keep-probability';
import { exponentialBase } from '../../src/export/exponential-bounds';
import { exponentialHistogramQuantile, quantileErrorBound } from '../../src/export/exponential-quantile';
import { exponentialToExplicitHistograms } from '../../src/export/exponential-to-explicit';
import { createTestProvider, pointsOf } from '../facade/support/metrics-test-kit';
import { bucketLines } from './support';

const QUANTILES = [0.5, 0.95, 0.99];

/** Log-normal latencies around 50 ms (sigma 1.2: about 4 decades), from a seeded PRNG. */
function latencies(n: number, seed: number): number[] {
  const prng = new Mulberry32(seed);
  const uniform = (): number => (prng.nextUint32() + 0.5) / 2 ** 32;
  return Array.from({ length: n }, () => 0.05 * Math.exp(1.2 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())));
}

/** The true q-quantile: the order statistic of rank ceil(q * n). */
function trueQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

/** Prometheus' histogram_quantile() on classic buckets: linear interpolation within the bucket. */
function prometheusQuantile(q: number, buckets: Array<[number, number]>): number {
  const total = buckets[buckets.length - 1]![1];
  const rank = q * total;
  const b = buckets.findIndex(([, cumulative]) => cumulative >= rank);
  if (b === buckets.length - 1) return buckets[buckets.length - 2]![0];
  const [upper, cumulative] = buckets[b]!;
  const [lower, below] = b === 0 ? [0, 0] : buckets[b - 1]!;
  return lower + (upper - lower) * ((rank - below) / (cumulative - below));
}

async function recordedSummary(values: number[], maxSize: number) {
  const { provider, collect } = createTestProvider(summaryViews({ maxSize }));
  const summary = createMetricsFacade(provider).summary('tool.latency', undefined, { unit: 's' });
  for (const v of values) summary.record(v);
  const collected = await collect();
  return { collected, histogram: pointsOf(collected, 'tool.latency')[0]!.value as ExponentialHistogram };
}

describe('exponentialHistogramQuantile', () => {
  const values = latencies(100_000, 31337);
  const sorted = values.slice().sort((a, b) => a - b);

  it.each([160, 40])('keeps p50/p95/p99 within the stated relative error bound (maxSize %i)', async (maxSize) => {
    const { histogram } = await recordedSummary(values, maxSize);
    expect(histogram.count).toBe(values.length);
    for (const estimator of ['harmonic', 'geometric'] as const) {
      const bound = quantileErrorBound(histogram.scale, estimator);
      for (const q of QUANTILES) {
        const truth = trueQuantile(sorted, q);
        const estimate = exponentialHistogramQuantile(histogram, q, estimator)!;
        expect(Math.abs(estimate - truth) / truth).toBeLessThanOrEqual(bound);
      }
    }
    // The scale the doc's table gives for this range (about 4.5 decades): 3 at 160 buckets, 1 at 40.
    expect(histogram.scale).toBe(maxSize === 160 ? 3 : 1);
  });

  it('states the bounds of the derivation', () => {
    expect(quantileErrorBound(3, 'harmonic')).toBeCloseTo((2 ** 0.125 - 1) / (2 ** 0.125 + 1), 15);
    expect(quantileErrorBound(3, 'geometric')).toBeCloseTo(2 ** 0.0625 - 1, 15);
    expect(quantileErrorBound(3)).toBeLessThan(quantileErrorBound(3, 'geometric'));
  });

  it('handles empty histograms, bad q, zeros and negatives', () => {
    const base = { sum: 0, scale: 0, positive: { offset: 0, bucketCounts: [] }, negative: { offset: 0, bucketCounts: [] } };
    expect(exponentialHistogramQuantile({ ...base, count: 0, zeroCount: 0 }, 0.5)).toBeUndefined();
    expect(exponentialHistogramQuantile({ ...base, count: 1, zeroCount: 1 }, 1.5)).toBeUndefined();
    expect(exponentialHistogramQuantile({ ...base, count: 1, zeroCount: 1 }, Number.NaN)).toBeUndefined();
    expect(exponentialHistogramQuantile({ ...base, count: 2, zeroCount: 2 }, 0.5)).toBe(0);
    // Scale 0, negative bucket 1 holds [-4, -2): harmonic estimate -2*2*4/6 = -8/3.
    const negative = { ...base, count: 2, zeroCount: 1, negative: { offset: 1, bucketCounts: [1] } };
    expect(exponentialHistogramQuantile(negative, 0.5)).toBeCloseTo(-8 / 3, 12);
    expect(exponentialHistogramQuantile(negative, 1)).toBe(0);
    // Clamped to the observed min/max.
    const one = { ...base, count: 1, zeroCount: 0, min: 5, max: 5, positive: { offset: 2, bucketCounts: [1] } };
    expect(exponentialHistogramQuantile(one, 0.99)).toBe(5);
  });
});

describe('Prometheus histogram_quantile() on converted summaries', () => {
  it('stays within base - 1 of the true p50/p95/p99 (linear interpolation inside one bucket)', async () => {
    const values = latencies(50_000, 4242);
    const sorted = values.slice().sort((a, b) => a - b);
    const { collected, histogram } = await recordedSummary(values, 160);
    const text = new PrometheusSerializer().serialize(exponentialToExplicitHistograms(collected));
    const buckets = bucketLines(text, 'tool_latency').map(([le, count]): [number, number] => [le === '+Inf' ? Infinity : Number(le), count]);
    expect(buckets.length).toBeGreaterThan(50);
    expect(buckets[buckets.length - 1]).toEqual([Infinity, values.length]);
    const bound = exponentialBase(histogram.scale) - 1;
    for (const q of QUANTILES) {
      const truth = trueQuantile(sorted, q);
      expect(Math.abs(prometheusQuantile(q, buckets) - truth) / truth).toBeLessThanOrEqual(bound);
    }
  });
});
