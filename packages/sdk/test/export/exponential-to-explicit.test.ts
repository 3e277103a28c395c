import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { DataPointType, type ExponentialHistogram, type Histogram } from '@opentelemetry/sdk-metrics';
import { explicitFromExponential, exponentialToExplicitHistograms } from '../../src/export/exponential-to-explicit';
import { bucketLines, deepFreeze, sampleResourceMetrics } from './support';

const exponential = (overrides: Partial<ExponentialHistogram>): ExponentialHistogram => ({
  count: 0,
  sum: 0,
  scale: 0,
  zeroCount: 0,
  positive: { offset: 0, bucketCounts: [] },
  negative: { offset: 0, bucketCounts: [] },
  ...overrides,
});

describe('explicitFromExponential', () => {
  it('turns positive buckets into le boundaries at their upper bounds, after an empty bucket up to the lowest bound', () => {
    // Scale 0: base 2, bucket i holds (2^i, 2^(i+1)].
    const value = exponential({ count: 8, sum: 100, min: 5, max: 30, positive: { offset: 2, bucketCounts: [3, 0, 5] } });
    expect(explicitFromExponential(value)).toEqual({
      buckets: { boundaries: [4, 8, 16, 32], counts: [0, 3, 0, 5, 0] },
      count: 8,
      sum: 100,
      min: 5,
      max: 30,
    });
  });

  it('puts zeros in an le="0" bucket', () => {
    const value = exponential({ count: 4, zeroCount: 2, scale: 1, positive: { offset: -1, bucketCounts: [2] } });
    // Scale 1: base sqrt(2); bucket -1 holds (2^-0.5, 1].
    expect(explicitFromExponential(value).buckets).toEqual({ boundaries: [0, 2 ** -0.5, 1], counts: [2, 0, 2, 0] });
  });

  it('orders negative buckets from the most negative, with their upper ends as le', () => {
    // Negative bucket 1 holds [-4, -2), bucket 2 holds [-8, -4).
    const value = exponential({ count: 6, zeroCount: 1, negative: { offset: 1, bucketCounts: [1, 4] }, positive: { offset: 0, bucketCounts: [1] } });
    expect(explicitFromExponential(value).buckets).toEqual({
      boundaries: [-8, -4, -2, 0, 1, 2],
      counts: [0, 4, 1, 1, 0, 1, 0],
    });
  });

  it('gives an empty histogram a single +Inf bucket', () => {
    expect(explicitFromExponential(exponential({})).buckets).toEqual({ boundaries: [], counts: [0] });
  });

  it('keeps boundaries finite and strictly increasing at the ends of the double range', () => {
    const huge = explicitFromExponential(exponential({ count: 2, positive: { offset: 1023, bucketCounts: [1, 1] } }));
    expect(huge.buckets.boundaries).toEqual([2 ** 1023]);
    expect(huge.buckets.counts).toEqual([0, 2]);
    const tiny = explicitFromExponential(exponential({ count: 2, zeroCount: 1, positive: { offset: -1100, bucketCounts: [1] } }));
    expect(tiny.buckets.boundaries).toEqual([0]);
    expect(tiny.buckets.counts).toEqual([2, 0]);
  });
});

describe('exponentialToExplicitHistograms', () => {
  it('converts exponential histograms only, without touching its input', () => {
    const explicit: Histogram = { buckets: { boundaries: [1], counts: [1, 0] }, count: 1, sum: 1 };
    const input = sampleResourceMetrics('s', exponential({ count: 1, sum: 3, positive: { offset: 1, bucketCounts: [1] } }), explicit);
    deepFreeze(input.scopeMetrics);
    const output = exponentialToExplicitHistograms(input);
    const [exp, hist, sum] = output.scopeMetrics[0]!.metrics;
    expect(exp!.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect(exp!.descriptor).toBe(input.scopeMetrics[0]!.metrics[0]!.descriptor);
    expect(exp!.dataPoints[0]!.attributes).toEqual({ a: 'x' });
    expect(hist).toBe(input.scopeMetrics[0]!.metrics[1]);
    expect(sum).toBe(input.scopeMetrics[0]!.metrics[2]);
  });

  it('returns its input when there is nothing to convert', () => {
    const input = sampleResourceMetrics('s', exponential({}), { buckets: { boundaries: [], counts: [0] }, count: 0 });
    const withoutExponential = { ...input, scopeMetrics: [{ ...input.scopeMetrics[0]!, metrics: input.scopeMetrics[0]!.metrics.slice(1) }] };
    expect(exponentialToExplicitHistograms(withoutExponential)).toBe(withoutExponential);
  });

  it('serializes through the Prometheus exporter as a histogram with one le per bucket bound', () => {
    const input = sampleResourceMetrics(
      'scope',
      exponential({ count: 8, sum: 100, zeroCount: 1, positive: { offset: 2, bucketCounts: [3, 0, 4] } }),
      { buckets: { boundaries: [], counts: [0] }, count: 0 },
    );
    const text = new PrometheusSerializer(undefined, false, undefined, true, true).serialize(exponentialToExplicitHistograms(input));
    expect(text).toContain('# TYPE exp histogram');
    expect(bucketLines(text, 'exp')).toEqual([
      ['0', 1],
      ['4', 1],
      ['8', 4],
      ['16', 4],
      ['32', 8],
      ['+Inf', 8],
    ]);
    expect(text).toContain('exp_count{a="x"} 8');
    expect(text).toContain('exp_sum{a="x"} 100');
  });
});
