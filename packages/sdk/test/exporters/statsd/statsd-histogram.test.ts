import {
  explicitHistogramSamples,
  exponentialHistogramSamples,
  millisecondsPerUnit,
} from '../../../src/exporters/statsd/statsd-histogram.js';

describe('millisecondsPerUnit', () => {
  it.each([
    ['s', 1000],
    ['ms', 1],
    ['us', 0.001],
    ['ns', 1e-6],
    ['min', 60_000],
    ['h', 3_600_000],
    ['By', 1],
    ['', 1],
    ['{call}', 1],
  ])('%p -> %p', (unit, factor) => expect(millisecondsPerUnit(unit)).toBe(factor));
});

describe('explicitHistogramSamples', () => {
  it('returns nothing for an empty point', () => {
    expect(explicitHistogramSamples({ buckets: { boundaries: [1], counts: [0, 0] }, count: 0, sum: 0 })).toEqual([]);
  });

  it('uses the bucket midpoint clamped to [min, max] without min/max extremes known', () => {
    const samples = explicitHistogramSamples({ buckets: { boundaries: [10, 20, 30], counts: [0, 2, 3, 0] }, count: 5, sum: 105 });
    expect(samples).toEqual([
      { value: 15, count: 2 },
      { value: 25, count: 3 },
    ]);
  });

  it('uses min and max for the open-ended buckets', () => {
    const samples = explicitHistogramSamples({
      buckets: { boundaries: [10], counts: [2, 2] },
      count: 4,
      sum: 0,
      min: 4,
      max: 50,
    });
    expect(samples).toEqual([
      { value: 7, count: 2 },
      { value: 30, count: 2 },
    ]);
  });
});

describe('exponentialHistogramSamples', () => {
  it('skips negative buckets (StatsD timers are non-negative) and then cannot use the mean', () => {
    const samples = exponentialHistogramSamples({
      count: 3,
      sum: 1,
      scale: 0,
      zeroCount: 0,
      positive: { offset: 1, bucketCounts: [2] }, // (2, 4]
      negative: { offset: 0, bucketCounts: [1] },
      min: -1,
      max: 4,
    });
    expect(samples).toEqual([{ value: 3, count: 2 }]);
  });
});
