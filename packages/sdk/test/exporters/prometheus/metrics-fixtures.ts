import type { Attributes } from '@opentelemetry/api';
import { ValueType } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { emptyResource, resourceFromAttributes } from '@opentelemetry/resources';
import type { Resource } from '@opentelemetry/resources';
import { AggregationTemporality, DataPointType, MeterProvider } from '@opentelemetry/sdk-metrics';
import type { DataPoint, Histogram, MetricData, ResourceMetrics, ScopeMetrics } from '@opentelemetry/sdk-metrics';

/** Label values that need escaping or are otherwise awkward, all valid in the exposition format. */
export const AWKWARD_VALUES = ['back\\slash', 'new\nline', 'say "hi"', 'all \\ "three"\n', '', 'ünïcødé ✓', 'tab\there', '{braces},=', '# not a comment'];

/** A real pipeline: a MeterProvider whose reader is OTel's PrometheusExporter (not listening). */
export function prometheusPipeline(resource: Resource = resourceFromAttributes({ 'service.name': 'fixture' })): {
  provider: MeterProvider;
  reader: PrometheusExporter;
  collect: () => Promise<ResourceMetrics>;
} {
  const reader = new PrometheusExporter({ preventServerStart: true });
  // OTel's default (2000 series per instrument) would fold the large fixtures into overflow.
  reader.selectCardinalityLimit = () => 100_000;
  const provider = new MeterProvider({ resource, readers: [reader] });
  return {
    provider,
    reader,
    collect: async () => {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw new Error(`collection errors: ${String(errors)}`);
      return resourceMetrics;
    },
  };
}

/**
 * Every kind of instrument through the real SDK: counters (with and without attributes, unit,
 * description), up-down counters, gauges, observables, histograms (default and custom bounds,
 * with and without attributes), three scopes (with version and schema URL, version only, neither),
 * awkward label values and descriptions, and an instrument that never recorded.
 */
export async function collectEveryKind(): Promise<{ metrics: ResourceMetrics; shutdown: () => Promise<void> }> {
  const resource = resourceFromAttributes({
    'service.name': 'every "kind"\nof\\metric',
    'service.version': '1.2.3',
    'host.count': 3,
    'feature.on': true,
    'deployment.regions': ['eu', 'us "east"'],
  });
  const { provider, collect } = prometheusPipeline(resource);
  const app = provider.getMeter('@mcp-otel/sdk/app', '0.1.0', { schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' });
  const lib = provider.getMeter('lib', '2.0.0-beta.1');
  const bare = provider.getMeter('bare-scope');

  const calls = app.createCounter('mcp.tool.calls', { description: 'Tool calls, "quoted"\nand \\ escaped.', unit: '{call}' });
  calls.add(3, { 'mcp.tool.name': 'echo', 'mcp.method.name': 'tools/call' });
  calls.add(1.5, { 'mcp.tool.name': 'sum', 'mcp.method.name': 'tools/call' });
  AWKWARD_VALUES.forEach((value, i) => calls.add(i + 1, { 'mcp.tool.name': value }));
  app.createCounter('requests_total').add(7);
  app.createCounter('bytes.sent', { unit: 'By', valueType: ValueType.INT }).add(1024, { 'net-peer': 'a', 'weird key!': 'x' });
  app.createCounter('never.recorded', { description: 'No data yet.' });

  const sessions = lib.createUpDownCounter('mcp.sessions.active', { description: 'Open sessions.' });
  sessions.add(5, { transport: 'stdio' });
  sessions.add(-7, { transport: 'http' });
  lib.createGauge('process.temperature', { unit: 'Cel' }).record(-21.25, { room: 'lab' });
  lib.createGauge('big.and.small').record(1e21, { which: 'huge' });
  lib.createObservableGauge('observed.ratio').addCallback((result) => {
    result.observe(0.1 + 0.2, { kind: 'float' });
    result.observe(1 / 3, { kind: 'third' });
  });
  lib.createObservableCounter('observed.ticks', { unit: '1' }).addCallback((result) => result.observe(12));

  const duration = bare.createHistogram('mcp.tool.duration', { unit: 's', advice: { explicitBucketBoundaries: [0.005, 0.01, 0.1, 1, 2.5, 10] } });
  for (const seconds of [0.001, 0.007, 0.05, 0.5, 3, 100, 0.1]) duration.record(seconds, { 'mcp.tool.name': 'echo' });
  duration.record(0.2, { 'mcp.tool.name': 'say "hi"' });
  const sizes = bare.createHistogram('payload.size', { description: 'Default bounds, no attributes.' });
  for (const size of [0, 3, 70, 700, 7000, 70_000]) sizes.record(size);
  bare.createHistogram('tiny', { advice: { explicitBucketBoundaries: [1e-7, 0.5e-6, 1e21] } }).record(3e-7);

  const metrics = await collect();
  return { metrics, shutdown: () => provider.shutdown() };
}

/** A hand-built collection, for what the SDK cannot produce but the serializer must handle alike. */
export function resourceMetrics(scopeMetrics: ScopeMetrics[], resource: Resource = emptyResource()): ResourceMetrics {
  return { resource, scopeMetrics };
}

const TIME: [number, number] = [1_700_000_000, 0];

export function point<T>(value: T, attributes: Attributes = {}): DataPoint<T> {
  return { startTime: TIME, endTime: TIME, attributes, value };
}

export function sum(name: string, dataPoints: DataPoint<number>[], options: { monotonic?: boolean; description?: string; unit?: string } = {}): MetricData {
  return {
    descriptor: { name, description: options.description ?? '', unit: options.unit ?? '', valueType: ValueType.DOUBLE },
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType: DataPointType.SUM,
    isMonotonic: options.monotonic ?? true,
    dataPoints,
  };
}

export function gauge(name: string, dataPoints: DataPoint<number>[]): MetricData {
  return {
    descriptor: { name, description: '', unit: '', valueType: ValueType.DOUBLE },
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType: DataPointType.GAUGE,
    dataPoints,
  };
}

export function histogram(name: string, dataPoints: DataPoint<Histogram>[]): MetricData {
  return {
    descriptor: { name, description: 'h', unit: 'ms', valueType: ValueType.DOUBLE },
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType: DataPointType.HISTOGRAM,
    dataPoints,
  };
}

export function histogramValue(boundaries: number[], counts: number[], sum?: number): Histogram {
  return { buckets: { boundaries, counts }, count: counts.reduce((a, b) => a + b, 0), sum };
}

/**
 * The bench's scrape workload (bench/groups/scrape.ts) through the real SDK: 80% counter series
 * (4 counters) and 20% histogram series (15 bounds, 3 values each), 2 labels each.
 */
export function recordSeries(provider: MeterProvider, n: number, labelValue: (i: number) => string = (i) => `tool_${i}`): void {
  const meter = provider.getMeter('series');
  const perMetric = n / 5;
  for (let m = 0; m < 4; m++) {
    const counter = meter.createCounter(`series.calls.${m}`, { description: 'Calls.' });
    for (let i = 0; i < perMetric; i++) counter.add(1, { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': labelValue(i) });
  }
  const bounds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30];
  const duration = meter.createHistogram('series.duration', { unit: 's', advice: { explicitBucketBoundaries: bounds } });
  for (let i = 0; i < perMetric; i++) {
    for (let v = 0; v < 3; v++) duration.record(((i * 37 + v * 1013) % 12000) / 1000, { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': labelValue(i) });
  }
}
