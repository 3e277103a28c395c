import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  InstrumentType,
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricData,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { collectTransformed, transformCollection } from '../../src/export/collect-transform';
import { TransformingExporter } from '../../src/export/collect-transform';
import { createMetricsFacade } from '../../src/facade/metrics-facade';
import { summaryViews } from '../../src/plan/plan-views';
import { captureDiag, findMetric, TestReader } from '../facade/support/metrics-test-kit';
import { bucketLines, deepFreeze, sampleResourceMetrics } from './support';
import { emptyResource } from '@opentelemetry/resources';
import { mergeScopeMetrics } from '../../src/export/collect-transform';

/** Serves `exporter`'s handler on 127.0.0.1 (a free port) and returns one scrape's body. */
async function scrape(exporter: PrometheusExporter): Promise<string> {
  const server = http.createServer((req, res) => exporter.getMetricsRequestHandler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    return await response.text();
  } finally {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }
}

const NO_SAMPLING = { samplingRateOf: () => 1, prometheusText: false };

describe('transformCollection (the one step between a collection and an exporter)', () => {
  let logs: ReturnType<typeof captureDiag>;
  beforeEach(() => (logs = captureDiag()));
  afterEach(() => logs.restore());

  it('serves summaries as histograms to Prometheus text, which OTel’s own exporter otherwise drops', async () => {
    const plain = new PrometheusExporter({ preventServerStart: true });
    const reader = new TestReader();
    const provider = new MeterProvider({ readers: [plain, reader], views: summaryViews() });
    const sizes = createMetricsFacade(provider).summary('reply.size', { tool: 'search' });
    for (const v of [100, 200, 400]) sizes.record(v);
    try {
      const before = await scrape(plain);
      expect(bucketLines(before, 'reply_size')).toEqual([]);
      expect(logs.errors.some((e) => e.includes('Unrecognizable DataPointType'))).toBe(true);

      const collected = await collectTransformed(reader, { ...NO_SAMPLING, prometheusText: true })();
      const metric = findMetric(collected.resourceMetrics, 'reply.size')!;
      expect(metric.dataPointType).toBe(DataPointType.HISTOGRAM);
      expect(metric.dataPoints[0]!.value).toMatchObject({ count: 3, sum: 700 });
      // Not for OTLP and the other outputs, which carry exponential histograms natively.
      const native = await collectTransformed(reader, NO_SAMPLING)();
      expect(findMetric(native.resourceMetrics, 'reply.size')!.dataPointType).toBe(DataPointType.EXPONENTIAL_HISTOGRAM);
    } finally {
      await provider.shutdown();
    }
  });

  it('merges scopes, scales sampled histograms by scope, never mutates its input', () => {
    const input = deepFreeze(sampleResourceMetrics('s', { count: 0, sum: 0, scale: 0, zeroCount: 0, positive: { offset: 0, bucketCounts: [] }, negative: { offset: 0, bucketCounts: [] } }, { count: 4, sum: 8, buckets: { boundaries: [1], counts: [1, 3] } }));
    const doubled = { resource: input.resource, scopeMetrics: [...input.scopeMetrics, { scope: { name: 's' }, metrics: [] }] };
    const output = transformCollection(doubled, { samplingRateOf: (name) => (name === 's' ? 0.5 : 1), prometheusText: false });
    expect(output.scopeMetrics).toHaveLength(1);
    expect(findMetric(output, 'explicit')!.dataPoints[0]!.value).toMatchObject({ count: 8, sum: 16, buckets: { counts: [2, 6] } });
    expect(findMetric(output, 'count')!.dataPoints[0]!.value).toBe(7);
  });

  it('hands a periodic reader’s exporter the transformed collection, keeping its temporality', async () => {
    const inner = new InMemoryMetricExporter(AggregationTemporality.DELTA);
    const exporter = new TransformingExporter(inner, { ...NO_SAMPLING, prometheusText: true });
    expect(exporter.selectAggregationTemporality?.(InstrumentType.COUNTER)).toBe(AggregationTemporality.DELTA);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const provider = new MeterProvider({ readers: [reader], views: summaryViews() });
    createMetricsFacade(provider).summary('s').record(1);
    try {
      await provider.forceFlush();
      const exported = inner.getMetrics().at(-1)!;
      expect(findMetric(exported, 's')?.dataPointType).toBe(DataPointType.HISTOGRAM);
    } finally {
      await provider.shutdown();
    }
  });

  it('exports untransformed when the step fails, and reports it once', () => {
    const broken = { resource: {}, scopeMetrics: null } as unknown as ResourceMetrics;
    expect(transformCollection(broken, NO_SAMPLING)).toBe(broken);
    const report = jest.fn();
    transformCollection(broken, NO_SAMPLING, report);
    expect(report).toHaveBeenCalledTimes(1);
    expect(logs.errors.filter((e) => e.includes('collect transform failed'))).toHaveLength(1);
  });
});

const metric = (name: string): MetricData => ({ descriptor: { name } }) as MetricData;

describe('mergeScopeMetrics', () => {
  it('merges entries of one scope (name, version, schema URL) into the first, keeping order', () => {
    const input: ResourceMetrics = {
      resource: emptyResource(),
      scopeMetrics: [
        { scope: { name: 'a', version: '1' }, metrics: [metric('a.counter')] },
        { scope: { name: 'b' }, metrics: [metric('b.counter')] },
        { scope: { name: 'a', version: '2' }, metrics: [metric('a2.histogram')] },
        { scope: { name: 'a', version: '1' }, metrics: [metric('a.histogram')] },
      ],
    };
    const snapshot = JSON.stringify(input);
    const merged = mergeScopeMetrics(input);
    expect(merged.scopeMetrics.map((s) => [s.scope, s.metrics.map((m) => m.descriptor.name)])).toEqual([
      [{ name: 'a', version: '1' }, ['a.counter', 'a.histogram']],
      [{ name: 'b' }, ['b.counter']],
      [{ name: 'a', version: '2' }, ['a2.histogram']],
    ]);
    expect(merged.resource).toBe(input.resource);
    expect(JSON.stringify(input)).toBe(snapshot);
  });

  it('returns its input when every scope appears once', () => {
    const input: ResourceMetrics = { resource: emptyResource(), scopeMetrics: [{ scope: { name: 'a' }, metrics: [metric('x')] }] };
    expect(mergeScopeMetrics(input)).toBe(input);
  });
});
