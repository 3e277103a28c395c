import { DataPointType, type ExponentialHistogram, type Histogram } from '@opentelemetry/sdk-metrics';
import { scaleSampledHistograms } from '../../src/export/scale-sampled-histograms';
import { deepFreeze, sampleResourceMetrics } from './support';
import { Mulberry32 } from '../../src/aggregate/keep-probability';
import { CountScaler, scaleCount } from '../../src/export/scale-sampled-histograms';

const exponential: ExponentialHistogram = {
  count: 10,
  sum: 40,
  scale: 2,
  zeroCount: 1,
  positive: { offset: 4, bucketCounts: [2, 0, 3] },
  negative: { offset: 0, bucketCounts: [4] },
  min: -1.1,
  max: 2.5,
};
const explicit: Histogram = { buckets: { boundaries: [1, 5], counts: [1, 1, 1] }, count: 3, sum: 9, min: 0.5, max: 7 };

describe('scaleSampledHistograms', () => {
  it('divides counts and sums by the rate, keeps min/max, and never mutates its input', () => {
    const input = sampleResourceMetrics('sampled', exponential, explicit);
    deepFreeze(input.scopeMetrics);
    const output = scaleSampledHistograms(input, () => 0.3);
    const [exp, hist, counter] = output.scopeMetrics[0]!.metrics;

    expect(hist!.dataPoints[0]!.value).toEqual({
      buckets: { boundaries: [1, 5], counts: [3, 4, 3] }, // round(3.33), round(6.67)-3, round(10)-7
      count: 10,
      sum: 30,
      min: 0.5,
      max: 7,
    });
    const value = exp!.dataPoints[0]!.value as ExponentialHistogram;
    // Value order: negatives (13), zero (round(16.67) - 13 = 4), positives (round(23.33) - 17 = 6, 0, 10).
    expect(value).toMatchObject({ count: 33, zeroCount: 4, scale: 2, min: -1.1, max: 2.5 });
    expect(value.sum).toBeCloseTo(40 / 0.3, 12);
    expect(value.negative).toEqual({ offset: 0, bucketCounts: [13] });
    expect(value.positive).toEqual({ offset: 4, bucketCounts: [6, 0, 10] });
    expect(exp!.dataPoints[0]!.attributes).toBe(input.scopeMetrics[0]!.metrics[0]!.dataPoints[0]!.attributes);
    expect(counter).toBe(input.scopeMetrics[0]!.metrics[2]);
    expect(exp!.dataPointType).toBe(DataPointType.EXPONENTIAL_HISTOGRAM);
  });

  it('asks the rate of each histogram’s scope, and leaves rates 1 and 0 untouched', () => {
    const input = sampleResourceMetrics('s', exponential, explicit);
    for (const rate of [1, 0]) {
      const asked: string[] = [];
      const same = scaleSampledHistograms(input, (scope) => {
        asked.push(scope.name);
        return rate;
      });
      expect(same).toBe(input);
      // Two histograms (the counter is never asked about).
      expect(asked).toEqual(['s', 's']);
    }
  });
});

describe('CountScaler', () => {
  it('scales running totals with rounding, so counts stay >= 0 and sum to the scaled total', () => {
    const prng = new Mulberry32(5);
    for (const rate of [0.1, 0.3, 0.37, 0.7, 0.999]) {
      for (let trial = 0; trial < 50; trial++) {
        const counts = Array.from({ length: 1 + (prng.nextUint32() % 30) }, () => prng.nextUint32() % 7);
        const scaled = new CountScaler(rate).all(counts);
        let raw = 0;
        let total = 0;
        counts.forEach((count, i) => {
          raw += count;
          total += scaled[i]!;
          expect(Number.isInteger(scaled[i])).toBe(true);
          expect(scaled[i]).toBeGreaterThanOrEqual(0);
          expect(total).toBe(Math.round(raw / rate));
        });
        expect(total).toBe(scaleCount(raw, rate));
      }
    }
  });

  it('continues one running total across calls', () => {
    const scaler = new CountScaler(0.3);
    expect(scaler.next(1)).toBe(3); // round(3.33)
    expect(scaler.next(1)).toBe(4); // round(6.67) - 3
    expect(scaler.all([1, 0])).toEqual([3, 0]); // round(10) - 7, then nothing
  });
});
