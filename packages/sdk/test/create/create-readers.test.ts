import { AggregationTemporality, DataPointType, InstrumentType } from '@opentelemetry/sdk-metrics';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../../src/config/config-error.js';
import type { ResolvedExporter } from '../../src/config/resolved-config.js';
import { buildPipeline, createMetricsPipeline as createPortablePipeline } from '../../src/create/create-pipeline.js';
import { PORTABLE_PLATFORM } from '../../src/create/create-push-exporter.js';
import { createMetricsFacade } from '../../src/facade/metrics-facade.js';
import { createMetricsPipeline, type PrometheusHttpEndpoint } from '../../src/platform/node/node-pipeline.js';
import { httpRequest } from '../peers/http-request.js';
import { resolvedConfig, resolvedPrometheus } from '../support/resolved-config.js';
import { parseExposition } from '../exporters/prometheus/parse-exposition.js';

const PROMETHEUS = resolvedPrometheus();

/** One scrape of `endpoint.handle` mounted on a real server on 127.0.0.1. */
async function scrape(endpoint: PrometheusHttpEndpoint): Promise<string> {
  const server = http.createServer(endpoint.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await httpRequest(`http://127.0.0.1:${port}${endpoint.path}`);
    expect(response.status).toBe(200);
    return response.body.toString('utf8');
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('createReaders (through the pipeline)', () => {
  it('serves a Prometheus exporter cumulatively, with the cardinality limit, for OTel’s instruments and our series alike', async () => {
    const pipeline = createMetricsPipeline(resolvedConfig({ exporters: [PROMETHEUS], cardinalityLimit: 3 }));
    try {
      const endpoint = pipeline.readers.prometheus[0]!;
      expect(endpoint).toMatchObject({ config: PROMETHEUS, path: '/metrics' });
      const meter = pipeline.meterProvider.getMeter('test');
      const calls = meter.createCounter('calls');
      meter.createObservableCounter('observed').addCallback((result) => {
        for (const tool of ['a', 'b', 'c', 'd']) result.observe(1, { tool });
      });
      for (const tool of ['a', 'b', 'c', 'd']) calls.add(1, { tool });
      calls.add(1, { tool: 'a' });
      const first = parseExposition(await scrape(endpoint)).samples;
      const byTool = (name: string) => first.filter((s) => s.name === name).map((s) => [s.labels.tool ?? s.labels.otel_metric_overflow, s.value]);
      expect(byTool('calls_total')).toEqual([
        ['a', '2'],
        ['b', '1'],
        ['true', '2'],
      ]);
      // OTel's own storage (an observable counter) under the same reader limit.
      expect(byTool('observed_total')).toHaveLength(3);
      calls.add(5, { tool: 'a' });
      const second = parseExposition(await scrape(endpoint)).samples.find((s) => s.name === 'calls_total' && s.labels.tool === 'a');
      expect(second?.value).toBe('7');
    } finally {
      await pipeline.shutdown();
    }
  });

  it('names metrics with their unit suffixes by default, and as OTel does with withoutUnits: true', async () => {
    const names: string[][] = [];
    for (const withoutUnits of [false, true]) {
      const pipeline = createMetricsPipeline(resolvedConfig({ exporters: [{ ...PROMETHEUS, withoutUnits }] }));
      try {
        pipeline.meterProvider.getMeter('test').createHistogram('mcp.server.operation.duration', { unit: 's' }).record(0.2);
        pipeline.meterProvider.getMeter('test').createCounter('mcp_otel.transport.messages', { unit: '{message}' }).add(1);
        const samples = parseExposition(await scrape(pipeline.readers.prometheus[0]!)).samples;
        names.push([...new Set(samples.map((sample) => sample.name))].filter((name) => name !== 'target_info').sort());
      } finally {
        await pipeline.shutdown();
      }
    }
    expect(names).toEqual([
      ['mcp_otel_transport_messages_total', 'mcp_server_operation_duration_seconds_bucket', 'mcp_server_operation_duration_seconds_count', 'mcp_server_operation_duration_seconds_sum'],
      ['mcp_otel_transport_messages_total', 'mcp_server_operation_duration_bucket', 'mcp_server_operation_duration_count', 'mcp_server_operation_duration_sum'],
    ]);
  });

  it('serves through the collect transform: sampled histograms scaled back, summaries as classic histograms', async () => {
    const pipeline = createMetricsPipeline(resolvedConfig({ exporters: [PROMETHEUS], samplingRate: 0.5 }), {});
    try {
      const facade = createMetricsFacade(pipeline.meterProvider);
      facade.counter('requests', { tool: 'echo' }).increment(3);
      const latency = facade.histogram('latency', { tool: 'echo' }, { buckets: [1] });
      for (let i = 0; i < 1000; i++) latency.record(0.5);
      const sizes = facade.summary('reply.size', { tool: 'echo' });
      for (let i = 0; i < 400; i++) sizes.record(100 + i);

      const parsed = parseExposition(await scrape(pipeline.readers.prometheus[0]!));
      expect(parsed.samples.find((s) => s.name === 'requests_total')?.value).toBe('3');
      const latencyCount = Number(parsed.samples.find((s) => s.name === 'latency_count')?.value);
      expect(latencyCount % 2).toBe(0);
      expect(latencyCount).toBeGreaterThan(800);
      expect(latencyCount).toBeLessThan(1200);
      expect(parsed.type.reply_size).toBe('histogram');
      // Scaled by 1 / 0.5: even, and near the 400 recorded (P(outside 200..600) < 1e-10).
      const replyCount = Number(parsed.samples.find((s) => s.name === 'reply_size_count')?.value);
      expect(replyCount % 2).toBe(0);
      expect(replyCount).toBeGreaterThan(200);
      expect(replyCount).toBeLessThan(600);
    } finally {
      await pipeline.shutdown();
    }
  });

  it('gives a push reader the temporality of its exporter, and a pull reader the one it asks for', async () => {
    const otlp: ResolvedExporter = { type: 'otlp', endpoint: 'http://127.0.0.1:9/v1/metrics', protocol: 'http/json', headers: {}, timeoutMs: 100, compression: 'none', temporality: 'delta' };
    const pipeline = buildPipeline(resolvedConfig({ exporters: [otlp] }), {
      platform: PORTABLE_PLATFORM,
      pullReaders: [{ temporality: () => AggregationTemporality.DELTA }],
    });
    try {
      const push = pipeline.readers.push[0]!;
      expect(push.config).toBe(otlp);
      expect(push.reader.selectAggregationTemporality(InstrumentType.COUNTER)).toBe(AggregationTemporality.DELTA);
      createMetricsFacade(pipeline.meterProvider).counter('jobs').increment(2);
      const delta = await pipeline.readers.pull[0]!.collect();
      const metric = delta.resourceMetrics.scopeMetrics[0]!.metrics[0]!;
      expect(metric).toMatchObject({ dataPointType: DataPointType.SUM, aggregationTemporality: AggregationTemporality.DELTA });
      expect((await pipeline.readers.pull[0]!.collect()).resourceMetrics.scopeMetrics).toEqual([]);
    } finally {
      await pipeline.shutdown();
    }
  });

  it('refuses, on a platform without Node, an exporter that needs Node, naming the field and the fix', () => {
    const exporters: ResolvedExporter[] = [PROMETHEUS, { type: 'file', path: 'm.jsonl', format: 'jsonl', rotation: { maxBytes: 1, maxFiles: 1, intervalMs: undefined }, withoutUnits: false }];
    let error: unknown;
    try {
      createPortablePipeline(resolvedConfig({ exporters }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([expect.objectContaining({ path: 'exporters[1].type', value: 'file', message: expect.stringMatching(/needs Node\.js.*prometheus, otlp or console/) })]);
  });
});
