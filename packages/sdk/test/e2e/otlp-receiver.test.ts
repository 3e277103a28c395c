import type { MetricsHandle } from '@mcp-otel/sdk';
import { startMetrics } from '@mcp-otel/sdk';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { attributesOf, findMetrics, lastMetric } from '../peers/otlp-decoded.js';
import { assertOtlpExportCanRun } from '../peers/otlp-export-guard.js';
import type { OtlpReceiver } from '../peers/otlp-receiver.js';
import { startOtlpReceiver } from '../peers/otlp-receiver.js';

// OTLP/HTTP JSON and protobuf from startMetrics, decoded by protobufjs with the official .proto files.
const TIMEOUT = 60_000;

describeWithPeer('otlp-proto', 'startMetrics with an OTLP exporter, decoded with the official protos', () => {
  let receiver: OtlpReceiver | undefined;
  let handle: MetricsHandle | undefined;

  beforeAll(assertOtlpExportCanRun);
  afterEach(async () => {
    await handle?.shutdown();
    await receiver?.close();
    handle = undefined;
    receiver = undefined;
  });

  async function start(exporter: Record<string, unknown>): Promise<{ handle: MetricsHandle; receiver: OtlpReceiver }> {
    receiver = await startOtlpReceiver();
    handle = await startMetrics(
      {
        serviceName: 'e2e-otlp',
        serviceVersion: '2.0.0',
        resourceAttributes: { 'deployment.environment.name': 'test' },
        exporters: [{ type: 'otlp', endpoint: receiver.url, ...exporter }],
        registerGlobal: false,
      },
      { env: {} },
    );
    return { handle, receiver };
  }

  it.each([
    ['http/protobuf', 'none', 'protobuf'],
    ['http/json', 'none', 'json'],
    ['http/protobuf', 'gzip', 'protobuf'],
    ['http/json', 'gzip', 'json'],
  ] as const)('exports %s (compression %s) that decodes to the recorded metrics', async (protocol, compression, encoding) => {
    const { handle: h, receiver: r } = await start({ protocol, compression, headers: { 'x-api-key': 'secret' } });
    const meter = h.meter('e2e-scope', '0.1.0');
    meter.createCounter('e2e.requests', { description: 'Requests handled.', unit: '{request}' }).add(3, { route: '/a', 'http.request.method': 'GET' });
    const latency = meter.createHistogram('e2e.latency', { unit: 's', advice: { explicitBucketBoundaries: [0.1, 0.5, 1] } });
    for (const seconds of [0.05, 0.3, 0.7, 2]) latency.record(seconds, { route: '/a' });
    const inflight = meter.createUpDownCounter('e2e.inflight');
    inflight.add(5);
    inflight.add(-2);
    meter.createGauge('e2e.temperature', { unit: 'Cel' }).record(21.5, { room: 'lab' });
    h.counter('e2e.facade.calls', { tool: 'echo' }).increment(2);
    h.summary('e2e.facade.payload', { tool: 'echo' }).record(3);
    await expect(h.timed('e2e.facade.work', async () => 'done')).resolves.toBe('done');
    await h.forceFlush();

    const [got] = await r.waitForExports(1);
    expect(r.rejected).toEqual([]);
    expect(got).toMatchObject({ path: '/v1/metrics', encoding, contentEncoding: compression === 'gzip' ? 'gzip' : undefined });
    expect(got!.headers['x-api-key']).toBe('secret');
    const requests = [got!.request];

    const counter = lastMetric(requests, 'e2e.requests');
    expect(counter.resource).toMatchObject({
      'service.name': 'e2e-otlp',
      'service.version': '2.0.0',
      'deployment.environment.name': 'test',
      'telemetry.sdk.language': 'nodejs',
      'telemetry.sdk.name': 'opentelemetry',
    });
    expect(counter.resource['service.instance.id']).toEqual(expect.stringMatching(/\S/));
    expect(counter.scope).toBe('e2e-scope');
    expect(counter.metric).toMatchObject({ unit: '{request}', description: 'Requests handled.' });
    expect(counter.metric.sum).toMatchObject({ isMonotonic: true, aggregationTemporality: 'AGGREGATION_TEMPORALITY_CUMULATIVE' });
    expect(counter.metric.sum!.dataPoints.map((p) => [attributesOf(p.attributes), p.asDouble ?? Number(p.asInt)])).toEqual([
      [{ route: '/a', 'http.request.method': 'GET' }, 3],
    ]);

    const histogram = lastMetric(requests, 'e2e.latency');
    expect(histogram.metric.unit).toBe('s');
    expect(histogram.metric.histogram!.dataPoints).toHaveLength(1);
    const point = histogram.metric.histogram!.dataPoints[0]!;
    expect(attributesOf(point.attributes)).toEqual({ route: '/a' });
    expect(point).toMatchObject({ explicitBounds: [0.1, 0.5, 1], bucketCounts: ['1', '1', '1', '1'], count: '4', min: 0.05, max: 2 });
    expect(point.sum).toBeCloseTo(3.05, 10);

    const inflightSum = lastMetric(requests, 'e2e.inflight').metric.sum!;
    expect(inflightSum.isMonotonic).toBe(false);
    expect(inflightSum.dataPoints.map((p) => p.asDouble ?? Number(p.asInt))).toEqual([3]);

    const gauge = lastMetric(requests, 'e2e.temperature').metric;
    expect(gauge.unit).toBe('Cel');
    expect(gauge.gauge!.dataPoints.map((p) => [attributesOf(p.attributes), p.asDouble])).toEqual([[{ room: 'lab' }, 21.5]]);

    const calls = lastMetric(requests, 'e2e.facade.calls');
    expect(calls.scope).toBe('@mcp-otel/sdk/app');
    expect(calls.metric.sum!.dataPoints.map((p) => [attributesOf(p.attributes), p.asDouble ?? Number(p.asInt)])).toEqual([[{ tool: 'echo' }, 2]]);

    const summary = lastMetric(requests, 'e2e.facade.payload').metric.exponentialHistogram!.dataPoints[0]!;
    expect(summary).toMatchObject({ count: '1', sum: 3, min: 3, max: 3 });

    const work = lastMetric(requests, 'e2e.facade.work').metric;
    expect(work.unit).toBe('s');
    expect(work.histogram!.dataPoints.map((p) => p.count)).toEqual(['1']);
  }, TIMEOUT);

  it('exports delta temporality when configured: each export carries what was recorded since the last', async () => {
    const { handle: h, receiver: r } = await start({ protocol: 'http/json', temporality: 'delta' });
    const calls = h.counter('e2e.delta.calls');
    calls.increment(3);
    await h.forceFlush();
    calls.increment(2);
    await h.forceFlush();
    const exports = await r.waitForExports(2);
    const sums = findMetrics(exports.map((e) => e.request), 'e2e.delta.calls').map((found) => found.metric.sum!);
    expect(sums.map((sum) => sum.aggregationTemporality)).toEqual(['AGGREGATION_TEMPORALITY_DELTA', 'AGGREGATION_TEMPORALITY_DELTA']);
    expect(sums.map((sum) => sum.dataPoints[0]!.asDouble)).toEqual([3, 2]);
  }, TIMEOUT);
});
