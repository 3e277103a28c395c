import { encodeOtlpJson } from '../../../src/exporters/otlp/encode-otlp-json.js';
import { encodeOtlpProtobuf } from '../../../src/exporters/otlp/encode-otlp-protobuf.js';
import { describeWithPeer } from '../../peers/describe-with-peer.js';
import type { OtlpExportRequest } from '../../peers/otlp-decoded.js';
import { attributesOf, lastMetric } from '../../peers/otlp-decoded.js';
import { decodeOtlpRequest } from '../../peers/otlp-proto.js';
import { collectRealMetrics } from './support/collect-real-metrics.js';

function decoded(body: Uint8Array, encoding: 'protobuf' | 'json'): OtlpExportRequest {
  const { request, problem } = decodeOtlpRequest(body, encoding);
  if (request === undefined) throw new Error(`the official protos reject our ${encoding}: ${problem}`);
  return request;
}

// Independent of OTel's serializers: protobufjs with the official .proto files reads what we write.
describeWithPeer('otlp-proto', 'encodeOtlpProtobuf and encodeOtlpJson, read with the official OTLP protos', () => {
  it.each(['protobuf', 'json'] as const)('carry every instrument kind with its values (%s)', async (encoding) => {
    const data = await collectRealMetrics({ series: 2 });
    const request = decoded(encoding === 'protobuf' ? encodeOtlpProtobuf(data) : encodeOtlpJson(data), encoding);
    const [resource] = request.resourceMetrics;
    expect(attributesOf(resource!.resource!.attributes)).toMatchObject({ 'service.name': 'encoder-test', 'host.cpus': 2, 'deployment.tags': ['a', 'b'] });
    expect(resource!.scopeMetrics.map((s) => [s.scope?.name, s.scope?.version])).toEqual([
      ['mcp-otel/server', '0.1.0'],
      ['mcp-otel/client', ''],
    ]);
    const requests = [request];
    const tool1 = { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'tool-1', 'error.type': '', ok: false };

    const calls = lastMetric(requests, 'mcp.calls').metric;
    expect(calls).toMatchObject({ unit: '{call}', description: 'Calls handled' });
    expect(calls.sum).toMatchObject({ isMonotonic: true, aggregationTemporality: 'AGGREGATION_TEMPORALITY_CUMULATIVE' });
    expect(calls.sum!.dataPoints.map((p) => [attributesOf(p.attributes), p.asDouble])).toContainEqual([tool1, 2]);
    const bytes = lastMetric(requests, 'mcp.bytes').metric.sum!.dataPoints;
    expect(bytes.map((p) => p.asInt)).toEqual(['0', '1024']);
    const sessions = lastMetric(requests, 'mcp.sessions').metric.sum!;
    expect(sessions.isMonotonic).toBe(false);
    expect(sessions.dataPoints.map((p) => p.asInt)).toEqual(['1', '-1']);

    const duration = lastMetric(requests, 'mcp.server.operation.duration').metric.histogram!.dataPoints[1]!;
    expect(attributesOf(duration.attributes)).toEqual(tool1);
    expect(duration).toMatchObject({ count: '4', explicitBounds: [0.01, 0.1, 1, 10], bucketCounts: ['2', '1', '0', '1', '0'], max: 2.5 });
    // The -0 recorded is the minimum; protobuf keeps its sign, JSON cannot (as with OTel's serializers).
    expect(duration.min).toBe(encoding === 'json' ? 0 : -0);
    expect(duration.sum).toBeCloseTo(2.604);
    // Times: nanoseconds since the epoch, past 2^53, within a minute of now.
    const point = lastMetric(requests, 'mcp.calls').metric.sum!.dataPoints[0]!;
    expect(Math.abs(Number(BigInt(point.timeUnixNano) / 1_000_000n) - Date.now())).toBeLessThan(60_000);

    const exponential = lastMetric(requests, 'mcp.exp.duration').metric.exponentialHistogram!.dataPoints[0]!;
    expect(exponential).toMatchObject({ count: '4', zeroCount: '1', min: 0, max: 42 });
    const positive = exponential.positive!;
    expect(positive.bucketCounts.reduce((sum, c) => sum + Number(c), 0)).toBe(3);
    // The lowest bucket holds 0.001: its lower bound base^offset, base = 2^(2^-scale).
    const base = 2 ** (2 ** -exponential.scale);
    expect(base ** positive.offset).toBeLessThanOrEqual(0.001);
    expect(base ** (positive.offset + 1)).toBeGreaterThanOrEqual(0.001);

    expect(lastMetric(requests, 'mcp.queue.depth').metric.gauge!.dataPoints.map((p) => p.asDouble)).toEqual([0, 0.5]);
    expect(lastMetric(requests, 'mcp.heap').metric.gauge!.dataPoints.map((p) => [attributesOf(p.attributes), p.asInt])).toEqual([[{ space: 'old' }, '123456789']]);
    expect(lastMetric(requests, 'mcp.cpu.time').metric.sum!.dataPoints.map((p) => p.asDouble)).toEqual([1.25]);
  });

  it('decode to the same request from both encodings', async () => {
    const data = await collectRealMetrics({ series: 5 });
    // Through JSON text on both sides: OTLP/JSON cannot carry -0 (the histogram records one as min).
    const asJson = (request: OtlpExportRequest): unknown => JSON.parse(JSON.stringify(request));
    expect(asJson(decoded(encodeOtlpJson(data), 'json'))).toEqual(asJson(decoded(encodeOtlpProtobuf(data), 'protobuf')));
  });
});
