import { MeterProvider, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';
import type { MeterPlan } from '../../src/plan/plan';
import { DEFAULT_HISTOGRAM_BOUNDARIES, explicitBoundaries, route } from '../../src/plan/route';
import { TestReader } from '../facade/support/metrics-test-kit';

const ours = (settings: Partial<Extract<MeterPlan, { kind: 'ours' }>> = {}): Extract<MeterPlan, { kind: 'ours' }> => ({
  kind: 'ours',
  buckets: undefined,
  allowList: undefined,
  samplingRate: 1,
  ...settings,
});

/** What OTel exports for a histogram recorded once (to compare our choices with the SDK's own). */
async function otelBoundaries(advice?: number[]): Promise<number[]> {
  const reader = new TestReader();
  const provider = new MeterProvider({ readers: [reader] });
  provider.getMeter('m').createHistogram('h', advice === undefined ? undefined : { advice: { explicitBucketBoundaries: advice } }).record(1);
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return (resourceMetrics.scopeMetrics[0]!.metrics[0]!.dataPoints[0] as DataPoint<Histogram>).value.buckets.boundaries;
}

describe('route', () => {
  it('routes the synchronous instruments of our meters to our series, observables to OTel', () => {
    for (const kind of ['counter', 'upDownCounter', 'gauge', 'histogram'] as const) expect(route(ours(), kind)).toMatchObject({ to: 'ours', kind });
    for (const kind of ['observableCounter', 'observableUpDownCounter', 'observableGauge'] as const) {
      expect(route(ours(), kind)).toEqual({ to: 'otel', reason: expect.stringContaining('observable'), samplingRate: 1 });
    }
    expect(route({ ...ours(), kind: 'otel', reason: 'summaries' }, 'histogram')).toEqual({ to: 'otel', reason: 'summaries', samplingRate: 1 });
  });

  it('takes the component buckets, else the advice, else OTel’s default boundaries', async () => {
    expect(route(ours({ buckets: [3, 2] }), 'histogram', { explicitBucketBoundaries: [5] })).toMatchObject({ boundaries: [2, 3] });
    expect(route(ours(), 'histogram', { explicitBucketBoundaries: [5, 1] })).toMatchObject({ boundaries: await otelBoundaries([5, 1]) });
    expect(route(ours(), 'histogram')).toMatchObject({ boundaries: await otelBoundaries() });
    expect(route(ours(), 'counter').to === 'ours' && route(ours(), 'counter')).toMatchObject({ boundaries: undefined });
  });

  it('samples histograms only, with the meter’s rate', () => {
    expect(route(ours({ samplingRate: 0.25 }), 'histogram')).toMatchObject({ to: 'ours', samplingRate: 0.25 });
    expect(route(ours({ samplingRate: 0.25 }), 'counter')).toMatchObject({ to: 'ours', samplingRate: 1 });
    expect(route({ ...ours({ samplingRate: 0.25 }), kind: 'otel', reason: 'off' }, 'histogram')).toMatchObject({ to: 'otel', samplingRate: 0.25 });
  });
});

describe('DEFAULT_HISTOGRAM_BOUNDARIES (the one constant copied from OTel: the spec default, not exported by OTel JS)', () => {
  it('is exactly what the OTel SDK uses when neither a view nor the advice gives boundaries; this fails loudly if OTel changes it', async () => {
    expect([...DEFAULT_HISTOGRAM_BOUNDARIES]).toEqual(await otelBoundaries());
  });
});

describe('explicitBoundaries', () => {
  it('keeps what OTel keeps: sorted, infinities removed (checked against the SDK)', async () => {
    const raw = [10, -Infinity, 1, Infinity, 5, -3];
    expect(explicitBoundaries(raw)).toEqual(await otelBoundaries(raw));
    expect(explicitBoundaries(raw)).toEqual([-3, 1, 5, 10]);
  });
});
