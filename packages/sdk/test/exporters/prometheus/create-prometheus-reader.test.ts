import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { AggregationTemporality, AggregationType, DataPointType, InstrumentType, MeterProvider } from '@opentelemetry/sdk-metrics';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResolvedPrometheusExporter } from '../../../src/config/resolved-config.js';
import { installCollectTransforms } from '../../../src/create/install-collect-transforms.js';
import { createPrometheusReader } from '../../../src/exporters/prometheus/create-prometheus-reader.js';
import type { PrometheusReader } from '../../../src/exporters/prometheus/create-prometheus-reader.js';
import { createMetricsFacade } from '../../../src/facade/create-metrics-facade.js';
import { summaryViews } from '../../../src/facade/summary.js';
import { mapMetrics } from '../../../src/transform/collect-transform.js';
import { httpRequest } from '../../peers/http-request.js';
import { parseExposition } from './parse-exposition.js';

const CONFIG: ResolvedPrometheusExporter = { type: 'prometheus', host: '127.0.0.1', port: 0, path: '/metrics', maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000, auth: undefined, tls: undefined, allowUnauthenticated: false, withoutUnits: false };

/** One scrape of `prometheus.handle` mounted on a real server on 127.0.0.1. */
async function scrape(prometheus: PrometheusReader): Promise<string> {
  const server = http.createServer(prometheus.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await httpRequest(`http://127.0.0.1:${port}${prometheus.path}`);
    expect(response.status).toBe(200);
    return response.body.toString('utf8');
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A stand-in for the sampling scale-back: every sum times 10. */
function timesTen(resourceMetrics: ResourceMetrics): ResourceMetrics {
  return mapMetrics(resourceMetrics, (metric) =>
    metric.dataPointType === DataPointType.SUM ? { ...metric, dataPoints: metric.dataPoints.map((p) => ({ ...p, value: p.value * 10 })) } : metric,
  );
}

describe('createPrometheusReader', () => {
  let provider: MeterProvider | undefined;
  afterEach(() => provider?.shutdown());

  it('returns OTel PrometheusExporter as the reader: cumulative, default aggregation, no server of its own', () => {
    const prometheus = createPrometheusReader(CONFIG, 2000);
    expect(prometheus.reader).toBeInstanceOf(PrometheusExporter);
    expect(prometheus).toMatchObject({ config: CONFIG, path: '/metrics' });
    expect(typeof prometheus.handle).toBe('function');
    for (const type of Object.values(InstrumentType)) {
      expect(prometheus.reader.selectAggregationTemporality(type)).toBe(AggregationTemporality.CUMULATIVE);
      expect(prometheus.reader.selectAggregation(type)).toEqual({ type: AggregationType.DEFAULT });
    }
  });

  it('serves what the reader collects, cumulatively, with its cardinality limit', async () => {
    const prometheus = createPrometheusReader(CONFIG, 3);
    provider = new MeterProvider({ readers: [prometheus.reader] });
    const calls = provider.getMeter('test').createCounter('calls');
    for (const tool of ['a', 'b', 'c', 'd']) calls.add(1, { tool });
    calls.add(1, { tool: 'a' });
    const first = parseExposition(await scrape(prometheus)).samples.filter((s) => s.name === 'calls_total');
    expect(first.map((s) => [s.labels.tool ?? s.labels.otel_metric_overflow, s.value])).toEqual([
      ['a', '2'],
      ['b', '1'],
      ['true', '2'],
    ]);
    calls.add(5, { tool: 'a' });
    const second = parseExposition(await scrape(prometheus)).samples.find((s) => s.labels.tool === 'a');
    expect(second?.value).toBe('7');
  });

  it('serves through the collect-time transforms that installCollectTransforms puts on the reader', async () => {
    const prometheus = createPrometheusReader(CONFIG, 2000);
    provider = new MeterProvider({ readers: [prometheus.reader], views: summaryViews() });
    installCollectTransforms({ prometheus: [prometheus], push: [], all: [prometheus.reader] }, timesTen);
    const facade = createMetricsFacade(provider);
    facade.counter('requests', { tool: 'echo' }).increment(3);
    const sizes = facade.summary('reply.size', { tool: 'echo' });
    for (const size of [100, 200, 400]) sizes.record(size);

    const text = await scrape(prometheus);
    const parsed = parseExposition(text);
    // The sampling slot: scaled.
    expect(parsed.samples.find((s) => s.name === 'requests_total')?.value).toBe('30');
    // Exponential -> explicit: the summary arrives as a classic histogram.
    expect(parsed.type.reply_size).toBe('histogram');
    expect(parsed.samples.find((s) => s.name === 'reply_size_count')?.value).toBe('3');
    expect(parsed.samples.filter((s) => s.name === 'reply_size_bucket').at(-1)).toMatchObject({ labels: { le: '+Inf' }, value: '3' });
  });

  it('names metrics with their unit suffixes by default, and as before with withoutUnits: true', async () => {
    const names: string[][] = [];
    for (const withoutUnits of [false, true]) {
      const prometheus = createPrometheusReader({ ...CONFIG, withoutUnits }, 2000);
      const sdk = new MeterProvider({ readers: [prometheus.reader] });
      sdk.getMeter('test').createHistogram('mcp.server.operation.duration', { unit: 's' }).record(0.2);
      sdk.getMeter('test').createCounter('mcp_otel.transport.messages', { unit: '{message}' }).add(1);
      names.push([...new Set(parseExposition(await scrape(prometheus)).samples.map((sample) => sample.name))].filter((name) => name !== 'target_info').sort());
      await sdk.shutdown();
    }
    expect(names).toEqual([
      ['mcp_otel_transport_messages_total', 'mcp_server_operation_duration_seconds_bucket', 'mcp_server_operation_duration_seconds_count', 'mcp_server_operation_duration_seconds_sum'],
      ['mcp_otel_transport_messages_total', 'mcp_server_operation_duration_bucket', 'mcp_server_operation_duration_count', 'mcp_server_operation_duration_sum'],
    ]);
  });
});
