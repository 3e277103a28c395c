import { OTLPMetricExporter as JsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { describeWithPeer } from './describe-with-peer.js';
import { attributesOf, lastMetric } from './otlp-decoded.js';
import { assertOtlpExportCanRun } from './otlp-export-guard.js';
import { httpRequest } from './http-request.js';
import type { OtlpReceiver } from './otlp-receiver.js';
import { startOtlpReceiver } from './otlp-receiver.js';

// Pushes with the OTel SDK and exporters directly, so this test checks the helper, not our SDK.
describeWithPeer('otlp-proto', 'startOtlpReceiver', () => {
  let receiver: OtlpReceiver | undefined;
  let provider: MeterProvider | undefined;

  beforeAll(assertOtlpExportCanRun);
  beforeEach(async () => {
    receiver = await startOtlpReceiver();
  });
  afterEach(async () => {
    await provider?.shutdown();
    provider = undefined;
    await receiver?.close();
    receiver = undefined;
  });

  async function exportOnce(exporter: PushMetricExporter): Promise<void> {
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'peer-check' }), readers: [reader] });
    const meter = provider.getMeter('peer-check-scope', '1.2.3');
    meter.createCounter('peer.check.calls', { unit: '{call}' }).add(5, { route: 'a', ok: true });
    meter.createHistogram('peer.check.latency', { unit: 's', advice: { explicitBucketBoundaries: [0.1, 1] } }).record(0.5);
    await provider.forceFlush();
  }

  it.each([
    ['protobuf', undefined, (url: string) => new ProtoExporter({ url })],
    ['json', undefined, (url: string) => new JsonExporter({ url })],
    ['protobuf', 'gzip', (url: string) => new ProtoExporter({ url, compression: CompressionAlgorithm.GZIP })],
    ['json', 'gzip', (url: string) => new JsonExporter({ url, compression: CompressionAlgorithm.GZIP })],
  ] as const)('decodes %s exports (compression %s) with the official protos', async (encoding, contentEncoding, make) => {
    await exportOnce(make(receiver!.url));
    const [got] = await receiver!.waitForExports(1);
    expect(got).toMatchObject({ path: '/v1/metrics', encoding, contentEncoding });
    const calls = lastMetric([got!.request], 'peer.check.calls');
    expect(calls.resource['service.name']).toBe('peer-check');
    expect(calls.scope).toBe('peer-check-scope');
    expect(calls.metric.unit).toBe('{call}');
    expect(calls.metric.sum).toMatchObject({ isMonotonic: true, aggregationTemporality: 'AGGREGATION_TEMPORALITY_CUMULATIVE' });
    expect(calls.metric.sum!.dataPoints.map((p) => [attributesOf(p.attributes), p.asDouble])).toEqual([[{ route: 'a', ok: true }, 5]]);
    const latency = lastMetric([got!.request], 'peer.check.latency').metric.histogram!.dataPoints[0]!;
    expect(latency).toMatchObject({ explicitBounds: [0.1, 1], bucketCounts: ['0', '1', '0'], count: '1', sum: 0.5 });
  });

  it('keeps the headers that arrived', async () => {
    await exportOnce(new JsonExporter({ url: receiver!.url, headers: { 'x-api-key': 'k1' } }));
    const [got] = await receiver!.waitForExports(1);
    expect(got!.headers['x-api-key']).toBe('k1');
    expect(got!.headers['content-type']).toBe('application/json');
  });

  it('rejects OTLP/JSON with keys the protos do not define and enums given as names', async () => {
    const body = JSON.stringify({ resourceMetrics: [{ scope_metrics: [], scopeMetrics: [{ metrics: [{ name: 'x', sum: { aggregationTemporality: 'CUMULATIVE' } }] }] }] });
    const res = await httpRequest(receiver!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400);
    expect(receiver!.received).toEqual([]);
    expect(receiver!.rejected[0]!.reason).toContain('resourceMetrics[0].scope_metrics: no such field');
    expect(receiver!.rejected[0]!.reason).toContain('enum AggregationTemporality must be an integer');
  });

  it('rejects bodies that are not valid protobuf', async () => {
    const res = await httpRequest(receiver!.url, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: Buffer.from([0x0a, 0xff, 0xff]) });
    expect(res.status).toBe(400);
    expect(receiver!.rejected[0]!.reason).toMatch(/cannot decode protobuf/);
  });
});
