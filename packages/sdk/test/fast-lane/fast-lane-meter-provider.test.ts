import { AggregationType, DataPointType, MeterProvider, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';
import type { ResolvedComponent } from '../../src/config/resolved-config';
import { SUMMARY_METER_NAME } from '../../src/facade/summary';
import { FastHistogram } from '../../src/fast-lane/fast-histogram';
import { FastLane } from '../../src/fast-lane/fast-lane';
import { FastLaneMeterProvider } from '../../src/fast-lane/fast-lane-meter-provider';
import { SampledHistogram } from '../../src/sampling/sampled-histogram';
import { TestReader, captureDiag } from '../facade/support/metrics-test-kit';
import { resolvedConfig } from '../support/resolved-config';
import { AggregationTemporality, buildPipeline, component, pointsOf, type PipelineSpec } from './support';

const MCP = '@mcp-otel/instrumentation/mcp';

/** A pipeline of `spec` with the fast lane; `use` gets its provider; the SDK is shut down after. */
async function withFast<T>(spec: Partial<PipelineSpec>, use: (p: ReturnType<typeof buildPipeline>) => Promise<T> | T): Promise<T> {
  const pipeline = buildPipeline('fast', { readers: [AggregationTemporality.CUMULATIVE], ...spec });
  try {
    return await use(pipeline);
  } finally {
    await pipeline.sdk.shutdown();
  }
}

describe('FastLaneMeterProvider', () => {
  it('gives fast histograms and the SDK’s own other instruments, one meter per scope', () =>
    withFast({}, ({ provider, sdk }) => {
      const meter = provider.getMeter(MCP, '1.0.0');
      expect(provider.getMeter(MCP, '1.0.0')).toBe(meter);
      expect(meter.createHistogram('h')).toBeInstanceOf(FastHistogram);
      expect(meter.createCounter('c')).not.toBeInstanceOf(FastHistogram);
      expect(provider).toBeInstanceOf(FastLaneMeterProvider);
      expect((provider as FastLaneMeterProvider).delegate).toBe(sdk);
    }));

  it('keeps the OTel instrument for a disabled component: the DROP view applies, nothing is exported', () =>
    withFast({ components: { mcp: component({ enabled: false }) } }, async ({ provider, collect }) => {
      const h = provider.getMeter(MCP).createHistogram('h');
      expect(h).not.toBeInstanceOf(FastHistogram);
      h.record(1);
      provider.getMeter('other').createHistogram('kept').record(1);
      const [rm] = await collect();
      expect(rm!.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.descriptor.name))).toEqual(['kept']);
    }));

  it('keeps OTel for summaries (exponential), whether or not the summary component is configured', async () => {
    const configs: Record<string, ResolvedComponent>[] = [{}, { summary: component({ histogramBuckets: [1, 2] }) }];
    for (const components of configs) {
      await withFast({ components }, async ({ provider, collect }) => {
        const h = provider.getMeter(SUMMARY_METER_NAME).createHistogram('s');
        expect(h).not.toBeInstanceOf(FastHistogram);
        h.record(3);
        const [rm] = await collect();
        expect(rm!.scopeMetrics[0]!.metrics[0]!.dataPointType).toBe(DataPointType.EXPONENTIAL_HISTOGRAM);
      });
    }
  });

  it('keeps OTel when a reader aggregates histograms otherwise (exponential), or readers disagree', async () => {
    await withFast({ readerAggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }, ({ provider }) => {
      expect(provider.getMeter('m').createHistogram('h')).not.toBeInstanceOf(FastHistogram);
    });
    const fastLane = new FastLane({ config: resolvedConfig() });
    fastLane.createProducer();
    fastLane.createProducer({ selectAggregation: () => ({ type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [1] } }) });
    const sdk = new MeterProvider();
    expect(fastLane.wrap(sdk).getMeter('m').createHistogram('h')).not.toBeInstanceOf(FastHistogram);
    // A view's buckets decide for every reader, so disagreeing readers do not matter then.
    const withView = new FastLane({ config: resolvedConfig({ components: { m: component({ histogramBuckets: [1] }) } }) });
    withView.createProducer();
    withView.createProducer({ selectAggregation: () => ({ type: AggregationType.EXPONENTIAL_HISTOGRAM }) });
    expect(withView.wrap(sdk).getMeter('m').createHistogram('h')).toBeInstanceOf(FastHistogram);
  });

  it('keeps OTel when several component keys select the meter, and when there is no reader', () => {
    const sdk = new MeterProvider();
    const twoKeys = new FastLane({ config: resolvedConfig({ components: { mcp: component(), [MCP]: component() } }) });
    twoKeys.createProducer();
    expect(twoKeys.wrap(sdk).getMeter(MCP).createHistogram('h')).not.toBeInstanceOf(FastHistogram);
    expect(new FastLane({ config: resolvedConfig() }).wrap(sdk).getMeter('m').createHistogram('h')).not.toBeInstanceOf(FastHistogram);
  });

  it('returns the no-op meter of a shut-down SDK provider as is', async () => {
    const fastLane = new FastLane({ config: resolvedConfig() });
    const sdk = new MeterProvider({ readers: [new TestReader({ metricProducers: [fastLane.createProducer()] })] });
    await sdk.shutdown();
    const diagnostics = captureDiag();
    const meter = fastLane.wrap(sdk).getMeter('m');
    diagnostics.restore();
    expect(meter.createHistogram('h')).not.toBeInstanceOf(FastHistogram);
  });

  it('shares one series set between histograms registered twice (OTel: name ignoring case), longer description kept', () =>
    withFast({}, async ({ provider, collect }) => {
      const meter = provider.getMeter('m');
      meter.createHistogram('Op.Duration', { description: 'short' }).record(1, { a: 1 });
      meter.createHistogram('op.duration', { description: 'a longer description' }).record(2, { a: 1 });
      const [rm] = await collect();
      const metric = rm!.scopeMetrics[0]!.metrics[0]!;
      expect(rm!.scopeMetrics[0]!.metrics).toHaveLength(1);
      expect(metric.descriptor).toMatchObject({ name: 'Op.Duration', description: 'a longer description' });
      expect((metric.dataPoints[0] as DataPoint<Histogram>).value.count).toBe(2);
    }));

  it('composes with sampling: SamplingMeterProvider outside, sampled values reach the fast lane and are scaled back', () =>
    withFast({ samplingRate: 0.5, seed: 3 }, async ({ provider, fastLane, collect }) => {
      const h = provider.getMeter(MCP).createHistogram('sampled');
      expect(h).toBeInstanceOf(SampledHistogram);
      expect((h as SampledHistogram).inner).toBeInstanceOf(FastHistogram);
      for (let i = 0; i < 2000; i++) h.record(1, { a: 1 });
      const [storage] = [...[...fastLane!.scopes.values()][0]!.storages.values()];
      const kept = [...storage!.cells()][0]!.count;
      expect(kept).toBeGreaterThan(800);
      expect(kept).toBeLessThan(1200);
      const [rm] = await collect();
      const point = pointsOf(rm!, 'sampled')[0] as DataPoint<Histogram>;
      expect(point.value.count).toBe(Math.round(kept / 0.5));
    }));
});

describe('FastLaneMeter.createHistogram', () => {
  it('falls back to the OTel instrument, with a warning, if the fast lane fails to set a histogram up', () =>
    withFast({}, async ({ provider, collect }) => {
      const diagnostics = captureDiag();
      const spy = jest.spyOn(FastLane.prototype, 'storageFor').mockImplementation(() => {
        throw new Error('unexpected options');
      });
      let h;
      try {
        h = provider.getMeter('m').createHistogram('odd');
      } finally {
        spy.mockRestore();
        diagnostics.restore();
      }
      expect(h).not.toBeInstanceOf(FastHistogram);
      expect(diagnostics.warnings.join('\n')).toMatch(/histogram "odd" could not take the fast lane/);
      h.record(2);
      const [rm] = await collect();
      expect((pointsOf(rm!, 'odd')[0] as DataPoint<Histogram>).value.sum).toBe(2);
    }));
});
