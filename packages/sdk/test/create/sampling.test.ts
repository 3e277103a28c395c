import type { ExponentialHistogram, Histogram, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { createMetricsFacade } from '../../src/facade/metrics-facade';
import { pointsOf } from '../facade/support/metrics-test-kit';
import { AggregationTemporality, buildTestPipeline, component, type TestPipeline } from '../support/pipeline';

const P = 0.1;
const N = 100_000;
const BOUNDARIES = [1, 2, 5];
/** A known distribution: 0, 0.1, ..., 9.9 repeated. */
const valueAt = (i: number): number => (i % 100) / 10;

/** True count per explicit bucket and the sum of squares of the values. */
function truth(): { buckets: number[]; sum: number; sumSquares: number } {
  const buckets = new Array<number>(BOUNDARIES.length + 1).fill(0);
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < N; i++) {
    const v = valueAt(i);
    const bucket = BOUNDARIES.findIndex((b) => v <= b);
    buckets[bucket === -1 ? BOUNDARIES.length : bucket]! += 1;
    sum += v;
    sumSquares += v * v;
  }
  return { buckets, sum, sumSquares };
}

/** Standard deviation of the Horvitz-Thompson estimate of a count of n. */
const sigmaOfCount = (n: number): number => Math.sqrt((n * (1 - P)) / P);

async function collected(pipeline: TestPipeline): Promise<ResourceMetrics> {
  return (await pipeline.collect())[0]!;
}

/** Histogram sampling as the pipeline does it: a keep-probability in each histogram, scaled back by the collect transform. */
describe('histogram sampling (samplingRate)', () => {
  let pipeline: TestPipeline;
  afterEach(() => pipeline.shutdown());

  it('keeps about p of the histogram measurements, scales them back within 4 sigma, and leaves counters exact', async () => {
    pipeline = buildTestPipeline(true, { readers: [AggregationTemporality.CUMULATIVE], samplingRate: P, seed: 0x5eed });
    const facade = createMetricsFacade(pipeline.provider);
    const latency = facade.histogram('op.latency', { op: 'read' }, { buckets: BOUNDARIES });
    const calls = facade.counter('op.calls', { op: 'read' });
    const inFlight = facade.upDownCounter('op.in_flight');
    for (let i = 0; i < N; i++) {
      latency.record(valueAt(i));
      calls.increment();
      inFlight.increment();
    }
    const expected = truth();

    const scaled = await collected(pipeline);
    expect(pointsOf(scaled, 'op.calls')[0]!.value).toBe(N);
    expect(pointsOf(scaled, 'op.in_flight')[0]!.value).toBe(N);
    const histogram = pointsOf(scaled, 'op.latency')[0]!.value as Histogram;
    expect(Math.abs(histogram.count - N)).toBeLessThan(4 * sigmaOfCount(N));
    const sigmaOfSum = Math.sqrt((expected.sumSquares * (1 - P)) / P);
    expect(Math.abs(histogram.sum! - expected.sum)).toBeLessThan(4 * sigmaOfSum);
    histogram.buckets.counts.forEach((count, b) => {
      expect(Number.isInteger(count)).toBe(true);
      expect(Math.abs(count - expected.buckets[b]!)).toBeLessThan(4 * sigmaOfCount(expected.buckets[b]!));
    });
    expect(histogram.buckets.counts.reduce((a, b) => a + b, 0)).toBe(histogram.count);
    expect(histogram.min).toBeGreaterThanOrEqual(0);
    expect(histogram.max).toBeLessThanOrEqual(9.9);

    // The reader itself (before the collect transform) sees what was kept: about p * N, so the scaling is what fixes it.
    const raw = await pipeline.pipeline.readers.pull[0]!.reader.collect();
    const kept = pointsOf(raw.resourceMetrics, 'op.latency')[0]!.value as Histogram;
    expect(Math.abs(kept.count - N * P)).toBeLessThan(4 * Math.sqrt(N * P * (1 - P)));
    expect(histogram.count).toBe(Math.round(kept.count / P));
  });

  it('scales sampled summaries (exponential histograms, which OTel aggregates) too', async () => {
    pipeline = buildTestPipeline(true, { readers: [AggregationTemporality.CUMULATIVE], samplingRate: P, seed: 7 });
    const sizes = createMetricsFacade(pipeline.provider).summary('payload.size');
    for (let i = 0; i < N; i++) sizes.record(1 + (i % 1000));

    const value = pointsOf(await collected(pipeline), 'payload.size')[0]!.value as ExponentialHistogram;
    expect(Math.abs(value.count - N)).toBeLessThan(4 * sigmaOfCount(N));
    expect(value.count).not.toBe(N);
    expect(value.positive.bucketCounts.reduce((a, b) => a + b, 0) + value.zeroCount).toBe(value.count);
    expect(value.positive.bucketCounts.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
    expect(value).toMatchObject({ min: expect.any(Number), max: expect.any(Number) });
    expect(value.max).toBeLessThanOrEqual(1000);
  });

  it('is deterministic for a seed', async () => {
    const counts: number[] = [];
    for (let run = 0; run < 2; run++) {
      pipeline = buildTestPipeline(true, { readers: [AggregationTemporality.CUMULATIVE], samplingRate: P, seed: 99 });
      const h = pipeline.provider.getMeter('m').createHistogram('h');
      for (let i = 0; i < 10_000; i++) h.record(1);
      counts.push((pointsOf(await collected(pipeline), 'h')[0]!.value as Histogram).count);
      if (run === 0) await pipeline.shutdown();
    }
    expect(counts[0]).toBe(counts[1]);
  });

  it('records nothing at rate 0 and leaves other scopes exact', async () => {
    pipeline = buildTestPipeline(true, { readers: [AggregationTemporality.CUMULATIVE], components: { off: component({ samplingRate: 0 }) }, seed: 1 });
    const off = pipeline.provider.getMeter('off').createHistogram('off.h');
    const on = pipeline.provider.getMeter('on').createHistogram('on.h');
    for (let i = 0; i < 1000; i++) {
      off.record(1);
      on.record(1);
    }
    const result = await collected(pipeline);
    expect(result.scopeMetrics.find((s) => s.scope.name === 'off')?.metrics ?? []).toHaveLength(0);
    expect((pointsOf(result, 'on.h')[0]!.value as Histogram).count).toBe(1000);
  });

  it('does not scale twice when the same cumulative data is collected again', async () => {
    pipeline = buildTestPipeline(true, { readers: [AggregationTemporality.CUMULATIVE], samplingRate: 0.5, seed: 1 });
    const h = pipeline.provider.getMeter('m').createHistogram('h', { advice: { explicitBucketBoundaries: [1] } });
    for (let i = 0; i < 1000; i++) h.record(i % 2);
    const first = pointsOf(await collected(pipeline), 'h')[0]!.value as Histogram;
    const second = pointsOf(await collected(pipeline), 'h')[0]!.value as Histogram;
    expect(second).toEqual(first);
    h.record(0);
    const third = pointsOf(await collected(pipeline), 'h')[0]!.value as Histogram;
    expect(third.count).toBeGreaterThanOrEqual(first.count);
  });
});
