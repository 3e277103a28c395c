import { metrics } from '@opentelemetry/api';
import { AggregationTemporality, DataPointType, InMemoryMetricExporter, InstrumentType, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { Histogram, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ResolvedComponent } from '../../src/config/resolved-config';
import { createPlan } from '../../src/plan/plan';


const component = (overrides: Partial<ResolvedComponent>): ResolvedComponent => ({
  enabled: true,
  samplingRate: 1,
  histogramBuckets: undefined,
  attributes: undefined,
  ...overrides,
});

async function collectWith(components: Record<string, ResolvedComponent>, record: (provider: MeterProvider) => void): Promise<ResourceMetrics> {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  // The plan's views alone, on a plain OTel provider: what OTel does with what the plan gives it.
  const provider = new MeterProvider({ views: [...createPlan({ components, cardinalityLimit: 2000, samplingRate: 1 }).views], readers: [reader] });
  record(provider);
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return resourceMetrics;
}


describe('plan views', () => {
  it('makes no view for a disabled component (its meter is the no-op meter, see routing-meter-provider.test.ts)', () => {
    const plan = createPlan({ components: { transport: component({ enabled: false, attributes: ['a'] }) }, cardinalityLimit: 2000, samplingRate: 1 });
    expect(plan.views.filter((view) => view.meterName?.endsWith('transport'))).toEqual([]);
  });

  it('applies per-component histogram boundaries to histograms only, one stream each', async () => {
    const rm = await collectWith({ mcp: component({ histogramBuckets: [0.5, 1, 5] }) }, (provider) => {
      const meter = provider.getMeter('@mcp-otel/instrumentation/mcp');
      meter.createHistogram('mcp.server.operation.duration', { unit: 's' }).record(0.7);
      meter.createCounter('calls').add(2);
    });
    const metricsByName = new Map(rm.scopeMetrics.flatMap((s) => s.metrics.map((m) => [m.descriptor.name, m] as const)));
    expect([...metricsByName.keys()].sort()).toEqual(['calls', 'mcp.server.operation.duration']);
    const histogram = metricsByName.get('mcp.server.operation.duration')!;
    expect(histogram.dataPointType).toBe(DataPointType.HISTOGRAM);
    const value = histogram.dataPoints[0]!.value as Histogram;
    expect(value.buckets).toEqual({ boundaries: [0.5, 1, 5], counts: [0, 1, 0, 0] });
    expect(metricsByName.get('calls')!.dataPointType).toBe(DataPointType.SUM);
  });

  it('keeps the instrument advice when a component sets no buckets', async () => {
    const rm = await collectWith({ mcp: component({}) }, (provider) => {
      provider
        .getMeter('@mcp-otel/instrumentation/mcp')
        .createHistogram('d', { unit: 's', advice: { explicitBucketBoundaries: [1, 2] } })
        .record(1.5);
    });
    const value = rm.scopeMetrics[0]!.metrics[0]!.dataPoints[0]!.value as Histogram;
    expect(value.buckets.boundaries).toEqual([1, 2]);
  });

  it('keeps only allowed attribute keys on every instrument type of the component', async () => {
    const rm = await collectWith({ app: component({ attributes: ['tool'] }) }, (provider) => {
      const meter = provider.getMeter('@mcp-otel/sdk/app');
      meter.createCounter('c').add(1, { tool: 'echo', session: 'abc' });
      meter.createHistogram('h').record(1, { tool: 'echo', session: 'abc' });
      meter.createUpDownCounter('u').add(1, { tool: 'echo', session: 'abc' });
    });
    const attributeSets = rm.scopeMetrics.flatMap((s) => s.metrics.flatMap((m) => m.dataPoints.map((p) => p.attributes)));
    expect(attributeSets).toEqual([{ tool: 'echo' }, { tool: 'echo' }, { tool: 'echo' }]);
  });

  it('matches a foreign scope by its exact name', async () => {
    const rm = await collectWith({ 'my-company/billing': component({ attributes: ['tool'] }) }, (provider) => {
      provider.getMeter('my-company/billing').createCounter('filtered').add(1, { tool: 'a', user: 'b' });
      provider.getMeter('my-company/other').createCounter('kept').add(1, { tool: 'a', user: 'b' });
    });
    const attributes = Object.fromEntries(rm.scopeMetrics.flatMap((s) => s.metrics.map((m) => [m.descriptor.name, m.dataPoints[0]!.attributes])));
    expect(attributes).toEqual({ filtered: { tool: 'a' }, kept: { tool: 'a', user: 'b' } });
  });

  it('never overlaps: one view per meter name and instrument type, from that meter’s own plan', () => {
    const plan = createPlan({ components: { mcp: component({ attributes: ['a'] }), 'instrumentation/mcp': component({ histogramBuckets: [1] }) }, cardinalityLimit: 7, samplingRate: 1 });
    const keys = plan.views.map((view) => `${view.meterName}|${view.instrumentType}`);
    expect(new Set(keys).size).toBe(keys.length);
    const histogram = plan.views.find((view) => view.meterName === '@mcp-otel/instrumentation/mcp' && view.instrumentType === InstrumentType.HISTOGRAM);
    expect(histogram).toMatchObject({ aggregation: { options: { boundaries: [1] } }, aggregationCardinalityLimit: 7 });
    expect(histogram?.attributesProcessors).toBeUndefined();
  });

  afterAll(() => metrics.disable());
});
