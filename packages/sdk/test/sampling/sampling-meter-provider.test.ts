import {
  InMemoryMetricExporter,
  AggregationTemporality,
  MeterProvider,
  PeriodicExportingMetricReader,
  type ExponentialHistogram,
  type Histogram,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { createMetricsFacade } from '../../src/facade/create-metrics-facade';
import { summaryViews } from '../../src/facade/summary';
import { SampledHistogram } from '../../src/sampling/sampled-histogram';
import { SamplingMeterProvider } from '../../src/sampling/sampling-meter-provider';
import { applyCollectTransforms } from '../../src/transform/apply-collect-transforms';
import { TestReader, createTestProvider, pointsOf } from '../facade/support/metrics-test-kit';

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

function pipeline(seed: number): { sampling: SamplingMeterProvider; exporter: InMemoryMetricExporter; sdk: MeterProvider; raw: TestReader } {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const raw = new TestReader();
  const sdk = new MeterProvider({ readers: [reader, raw], views: summaryViews() });
  const sampling = new SamplingMeterProvider(sdk, () => P, { seed });
  applyCollectTransforms(reader, [sampling.collectTransform()]);
  return { sampling, exporter, sdk, raw };
}

async function exported(sdk: MeterProvider, exporter: InMemoryMetricExporter): Promise<ResourceMetrics> {
  await sdk.forceFlush();
  const last = exporter.getMetrics().at(-1);
  if (last === undefined) throw new Error('nothing exported');
  return last;
}

describe('SamplingMeterProvider', () => {
  it('returns the unwrapped meter and histogram when the rate is 1', () => {
    const { provider } = createTestProvider();
    const sampling = new SamplingMeterProvider(provider, (name) => (name === 'sampled' ? 0.5 : 1));
    expect(sampling.getMeter('exact')).toBe(provider.getMeter('exact'));
    expect(sampling.getMeter('exact').createHistogram('h')).not.toBeInstanceOf(SampledHistogram);
    expect(sampling.getMeter('sampled').createHistogram('h')).toBeInstanceOf(SampledHistogram);
    expect(sampling.getMeter('sampled')).toBe(sampling.getMeter('sampled'));
  });

  it('keeps about p of the histogram measurements, scales them back within 4 sigma, and leaves counters exact', async () => {
    const { sampling, exporter, sdk, raw } = pipeline(0x5eed);
    const facade = createMetricsFacade(sampling);
    const latency = facade.histogram('op.latency', { op: 'read' }, { buckets: BOUNDARIES });
    const calls = facade.counter('op.calls', { op: 'read' });
    const inFlight = facade.upDownCounter('op.in_flight');
    for (let i = 0; i < N; i++) {
      latency.record(valueAt(i));
      calls.increment();
      inFlight.increment();
    }
    const expected = truth();

    const scaled = await exported(sdk, exporter);
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

    // The reader without the transform sees what was kept: about p * N, so the scaling is what fixes it.
    const kept = pointsOf((await raw.collect()).resourceMetrics, 'op.latency')[0]!.value as Histogram;
    expect(Math.abs(kept.count - N * P)).toBeLessThan(4 * Math.sqrt(N * P * (1 - P)));
    expect(histogram.count).toBe(Math.round(kept.count / P));
    await sdk.shutdown();
  });

  it('scales sampled summaries (exponential histograms) too', async () => {
    const { sampling, exporter, sdk } = pipeline(7);
    const sizes = createMetricsFacade(sampling).summary('payload.size');
    for (let i = 0; i < N; i++) sizes.record(1 + (i % 1000));

    const value = pointsOf(await exported(sdk, exporter), 'payload.size')[0]!.value as ExponentialHistogram;
    expect(Math.abs(value.count - N)).toBeLessThan(4 * sigmaOfCount(N));
    expect(value.positive.bucketCounts.reduce((a, b) => a + b, 0) + value.zeroCount).toBe(value.count);
    expect(value.positive.bucketCounts.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
    expect(value).toMatchObject({ min: expect.any(Number), max: expect.any(Number) });
    expect(value.max).toBeLessThanOrEqual(1000);
    await sdk.shutdown();
  });

  it('is deterministic for a seed', async () => {
    const counts: number[] = [];
    for (let run = 0; run < 2; run++) {
      const { provider, collect } = createTestProvider();
      const sampling = new SamplingMeterProvider(provider, () => P, { seed: 99 });
      const h = sampling.getMeter('m').createHistogram('h');
      for (let i = 0; i < 10_000; i++) h.record(1);
      counts.push((pointsOf(await collect(), 'h')[0]!.value as Histogram).count);
    }
    expect(counts[0]).toBe(counts[1]);
  });

  it('records nothing at rate 0 and leaves other scopes exact', async () => {
    const { provider, collect } = createTestProvider();
    const sampling = new SamplingMeterProvider(provider, (name) => (name === 'off' ? 0 : 1));
    const off = sampling.getMeter('off').createHistogram('off.h');
    const on = sampling.getMeter('on').createHistogram('on.h');
    for (let i = 0; i < 1000; i++) {
      off.record(1);
      on.record(1);
    }
    const collected = await collect();
    expect(collected.scopeMetrics.find((s) => s.scope.name === 'off')?.metrics ?? []).toHaveLength(0);
    expect((pointsOf(collected, 'on.h')[0]!.value as Histogram).count).toBe(1000);
    expect(sampling.sampledRate({ name: 'off' }, 'OFF.H')).toBe(0);
    expect(sampling.sampledRate({ name: 'on' }, 'on.h')).toBe(1);
  });

  it('does not scale twice when the same cumulative data is collected again', async () => {
    const reader = new TestReader();
    const sdk = new MeterProvider({ readers: [reader] });
    const sampling = new SamplingMeterProvider(sdk, () => 0.5, { seed: 1 });
    applyCollectTransforms(reader, [sampling.collectTransform()]);
    const h = sampling.getMeter('m').createHistogram('h', { advice: { explicitBucketBoundaries: [1] } });
    for (let i = 0; i < 1000; i++) h.record(i % 2);
    const first = pointsOf((await reader.collect()).resourceMetrics, 'h')[0]!.value as Histogram;
    const second = pointsOf((await reader.collect()).resourceMetrics, 'h')[0]!.value as Histogram;
    expect(second).toEqual(first);
    h.record(0);
    const third = pointsOf((await reader.collect()).resourceMetrics, 'h')[0]!.value as Histogram;
    expect(third.count).toBeGreaterThanOrEqual(first.count);
  });
});
