import { DataPointType, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';
import { SeriesInstrument } from '../../src/aggregate/series-instrument';
import { SampledHistogram } from '../../src/meter/routing-meter';
import { SUMMARY_METER_NAME } from '../../src/plan/meter-names';
import type { ResolvedComponent } from '../../src/config/resolved-config';
import { AggregationTemporality, buildTestPipeline, component, pointsOf, type PipelineSpec, type TestPipeline } from '../support/pipeline';

const MCP = '@mcp-otel/instrumentation/mcp';

/** A pipeline of `spec` with our series; `use` gets it; it is shut down after. */
async function withPipeline<T>(spec: Partial<PipelineSpec>, use: (p: TestPipeline) => Promise<T> | T, own = true): Promise<T> {
  const pipeline = buildTestPipeline(own, { readers: [AggregationTemporality.CUMULATIVE], ...spec });
  try {
    return await use(pipeline);
  } finally {
    await pipeline.shutdown();
  }
}

describe('RoutingMeterProvider', () => {
  it('gives our series for counters, up-down counters, gauges and histograms, one meter per scope', () =>
    withPipeline({}, ({ pipeline }) => {
      const provider = pipeline.meterProvider;
      const meter = provider.getMeter(MCP, '1.0.0');
      expect(provider.getMeter(MCP, '1.0.0')).toBe(meter);
      for (const instrument of [meter.createHistogram('h'), meter.createCounter('c'), meter.createUpDownCounter('u'), meter.createGauge('g')]) {
        expect(instrument).toBeInstanceOf(SeriesInstrument);
      }
      expect(meter.createObservableGauge('o')).not.toBeInstanceOf(SeriesInstrument);
    }));

  it('hands out the API no-op meter for a disabled component: nothing is exported', () =>
    withPipeline({ components: { mcp: component({ enabled: false }) } }, async ({ provider, collect }) => {
      const h = provider.getMeter(MCP).createHistogram('h');
      expect(h).not.toBeInstanceOf(SeriesInstrument);
      h.record(1);
      provider.getMeter(MCP).createObservableGauge('o').addCallback((result) => result.observe(1));
      provider.getMeter('other').createHistogram('kept').record(1);
      const [rm] = await collect();
      expect(rm!.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.descriptor.name))).toEqual(['kept']);
    }));

  it('keeps OTel for summaries (exponential), whether or not the summary component is configured', async () => {
    const configs: Record<string, ResolvedComponent>[] = [{}, { summary: component({ histogramBuckets: [1, 2] }) }];
    for (const components of configs) {
      await withPipeline({ components }, async ({ provider, collect }) => {
        const h = provider.getMeter(SUMMARY_METER_NAME).createHistogram('s');
        expect(h).not.toBeInstanceOf(SeriesInstrument);
        h.record(3);
        const [rm] = await collect();
        expect(rm!.scopeMetrics[0]!.metrics[0]!.dataPointType).toBe(DataPointType.EXPONENTIAL_HISTOGRAM);
      });
    }
  });

  it('keeps OTel for everything when own aggregation is off, views and sampling still applied', () =>
    withPipeline(
      { components: { mcp: component({ histogramBuckets: [1, 2], samplingRate: 0.5 }) } },
      async ({ provider, collect }) => {
        const h = provider.getMeter(MCP).createHistogram('h');
        expect(h).toBeInstanceOf(SampledHistogram);
        expect(provider.getMeter(MCP).createCounter('c')).not.toBeInstanceOf(SeriesInstrument);
        for (let i = 0; i < 200; i++) h.record(1.5);
        const [rm] = await collect();
        const point = pointsOf(rm!, 'h')[0] as DataPoint<Histogram>;
        expect(point.value.buckets.boundaries).toEqual([1, 2]);
        expect(point.value.count).toBeGreaterThan(140);
        expect(point.value.count).toBeLessThan(260);
      },
      false,
    ));

  it('returns no-op meters once the pipeline is shut down', async () => {
    const { pipeline } = buildTestPipeline(true, { readers: [AggregationTemporality.CUMULATIVE] });
    await pipeline.shutdown();
    expect(pipeline.meterProvider.getMeter('m').createHistogram('h')).not.toBeInstanceOf(SeriesInstrument);
  });

  it('shares one storage between instruments registered twice (OTel: name ignoring case), longer description kept', () =>
    withPipeline({}, async ({ provider, collect }) => {
      const meter = provider.getMeter('m');
      meter.createHistogram('Op.Duration', { description: 'short' }).record(1, { a: 1 });
      meter.createHistogram('op.duration', { description: 'a longer description' }).record(2, { a: 1 });
      const [rm] = await collect();
      const metric = rm!.scopeMetrics[0]!.metrics[0]!;
      expect(rm!.scopeMetrics[0]!.metrics).toHaveLength(1);
      expect(metric.descriptor).toMatchObject({ name: 'Op.Duration', description: 'a longer description' });
      expect((metric.dataPoints[0] as DataPoint<Histogram>).value.count).toBe(2);
    }));

  it('samples inside our histogram series: about rate of the measurements kept, scaled back at collection', () =>
    withPipeline({ samplingRate: 0.5, seed: 3 }, async ({ provider, storages, collect }) => {
      const h = provider.getMeter(MCP).createHistogram('sampled');
      expect(h).toBeInstanceOf(SeriesInstrument);
      for (let i = 0; i < 2000; i++) h.record(1, { a: 1 });
      const kept = (storages[0]!.index.values[0] as unknown as { count: number }).count;
      expect(kept).toBeGreaterThan(800);
      expect(kept).toBeLessThan(1200);
      const [rm] = await collect();
      const point = pointsOf(rm!, 'sampled')[0] as DataPoint<Histogram>;
      expect(point.value.count).toBe(Math.round(kept / 0.5));
    }));
});
