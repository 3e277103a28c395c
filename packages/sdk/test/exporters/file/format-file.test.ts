import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { formatFileContent, formatJsonLine, formatPrometheusSnapshot } from '../../../src/exporters/file/format-file.js';
import { describeWithPeer } from '../../peers/describe-with-peer.js';
import { loadOtlpMetricsProto, otlpJsonProblems } from '../../peers/otlp-proto.js';
import type { OtlpExportRequest } from '../../peers/otlp-decoded.js';
import { promtoolCheckMetrics } from '../../peers/promtool.js';

class CumulativeReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

async function sampleMetrics(): Promise<{ metrics: ResourceMetrics; shutdown: () => Promise<void> }> {
  const reader = new CumulativeReader();
  const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'fmt' }), readers: [reader] });
  const meter = provider.getMeter('@mcp-otel/sdk/test', '1.0.0');
  meter.createCounter('mcp.tool.calls', { unit: '{call}', description: 'Tool calls' }).add(3, { 'mcp.tool.name': 'echo' });
  meter.createUpDownCounter('mcp.sessions.active').add(-2);
  meter
    .createHistogram('mcp.tool.duration', { unit: 's', advice: { explicitBucketBoundaries: [0.1, 1] } })
    .record(0.25, { 'mcp.tool.name': 'echo' });
  meter.createGauge('mcp.server.up').record(1);
  const { resourceMetrics } = await reader.collect();
  return { metrics: resourceMetrics, shutdown: () => provider.shutdown() };
}

describeWithPeer('otlp-proto', 'formatJsonLine (decoded with the official OTLP .proto files)', () => {
  it('writes one ExportMetricsServiceRequest per line that the OTLP definitions accept field by field', async () => {
    const { metrics, shutdown } = await sampleMetrics();
    const line = formatJsonLine(metrics);
    await shutdown();
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    const json: unknown = JSON.parse(line);
    const { request } = loadOtlpMetricsProto();
    expect(otlpJsonProblems(request, json)).toEqual([]);
    const message = request.fromObject(json as Record<string, unknown>);
    expect(request.verify(message)).toBeNull();
    // Through the binary encoding and back: the values survive.
    const decoded = request.toObject(request.decode(request.encode(message).finish()), {
      longs: String,
      enums: String,
      defaults: true,
      arrays: true,
    }) as OtlpExportRequest;
    const scope = decoded.resourceMetrics[0]!.scopeMetrics[0]!;
    expect(scope.scope).toMatchObject({ name: '@mcp-otel/sdk/test', version: '1.0.0' });
    const byName = new Map(scope.metrics.map((metric) => [metric.name, metric]));
    expect(byName.get('mcp.tool.calls')?.sum).toMatchObject({
      aggregationTemporality: 'AGGREGATION_TEMPORALITY_CUMULATIVE',
      isMonotonic: true,
      dataPoints: [expect.objectContaining({ asDouble: 3 })],
    });
    expect(byName.get('mcp.tool.calls')?.unit).toBe('{call}');
    expect(byName.get('mcp.sessions.active')?.sum?.dataPoints[0]?.asDouble).toBe(-2);
    expect(byName.get('mcp.tool.duration')?.histogram?.dataPoints[0]).toMatchObject({
      count: '1',
      sum: 0.25,
      bucketCounts: ['0', '1', '0'],
      explicitBounds: [0.1, 1],
    });
    expect(byName.get('mcp.server.up')?.gauge?.dataPoints[0]?.asDouble).toBe(1);
  });
});

describeWithPeer('prometheus', 'formatPrometheusSnapshot (checked by promtool)', () => {
  it('writes text exposition that promtool check metrics accepts', async () => {
    const { metrics, shutdown } = await sampleMetrics();
    const text = formatPrometheusSnapshot(metrics);
    await shutdown();
    expect(text).toContain('mcp_tool_calls_total{mcp_tool_name="echo"');
    expect(await promtoolCheckMetrics(text)).toEqual({ exitCode: 0, output: '' });
  });
});

describe('formatFileContent', () => {
  it('picks the format', async () => {
    const { metrics, shutdown } = await sampleMetrics();
    expect(formatFileContent(metrics, 'jsonl')).toMatch(/^\{"resourceMetrics":\[/);
    expect(formatFileContent(metrics, 'prometheus')).toMatch(/^# HELP /m);
    await shutdown();
  });

  it('names prometheus snapshots as the endpoint does: unit suffixes, or none with withoutUnits', async () => {
    const { metrics, shutdown } = await sampleMetrics();
    await shutdown();
    expect(formatFileContent(metrics, 'prometheus')).toMatch(/^mcp_tool_duration_seconds_count\{/m);
    expect(formatFileContent(metrics, 'prometheus', true)).toMatch(/^mcp_tool_duration_count\{/m);
    expect(formatFileContent(metrics, 'prometheus', true)).not.toContain('_seconds');
  });
});
