import { ValueType } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, AggregationType, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';

class PullReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * What a real sdk-metrics MeterProvider collects from every instrument kind (counters, up-down
 * counters, explicit and exponential histograms, gauges, observables) across several scopes, with
 * `series` attribute sets per instrument, in the given temporality.
 */
export async function collectRealMetrics(options: { series?: number; temporality?: AggregationTemporality } = {}): Promise<ResourceMetrics> {
  const series = options.series ?? 3;
  const reader = new PullReader({ aggregationTemporalitySelector: () => options.temporality ?? AggregationTemporality.CUMULATIVE });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'encoder-test', 'service.version': '1.0.0', 'host.cpus': 2, 'deployment.tags': ['a', 'b'] }),
    readers: [reader],
    views: [{ instrumentName: 'mcp.exp.*', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM, options: { maxSize: 40 } } }],
  });
  const server = provider.getMeter('mcp-otel/server', '0.1.0', { schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' });
  const client = provider.getMeter('mcp-otel/client');
  const calls = server.createCounter('mcp.calls', { unit: '{call}', description: 'Calls handled' });
  const ints = server.createCounter('mcp.bytes', { unit: 'By', valueType: ValueType.INT });
  const sessions = server.createUpDownCounter('mcp.sessions', { valueType: ValueType.INT });
  const duration = server.createHistogram('mcp.server.operation.duration', { unit: 's', advice: { explicitBucketBoundaries: [0.01, 0.1, 1, 10] } });
  const exponential = client.createHistogram('mcp.exp.duration', { unit: 's' });
  const gauge = client.createGauge('mcp.queue.depth');
  client.createObservableGauge('mcp.heap', { unit: 'By', valueType: ValueType.INT }).addCallback((result) => result.observe(123_456_789, { space: 'old' }));
  client.createObservableCounter('mcp.cpu.time', { unit: 's' }).addCallback((result) => result.observe(1.25));
  for (let i = 0; i < series; i++) {
    const attributes = { 'mcp.method.name': `tools/call`, 'gen_ai.tool.name': `tool-${i}`, 'error.type': i % 3 === 0 ? 'timeout' : '', ok: i % 2 === 0 };
    calls.add(i + 1, attributes);
    ints.add(1024 * i, attributes);
    sessions.add(i % 2 === 0 ? 1 : -1, attributes);
    for (const value of [0.004, 0.05 * (i + 1), 2.5, -0]) duration.record(value, attributes);
    for (const value of [0.001 * (i + 1), 3, 42, 0]) exponential.record(value, attributes);
    gauge.record(i * 0.5, attributes);
  }
  const { resourceMetrics, errors } = await reader.collect();
  await provider.shutdown();
  if (errors.length > 0) throw new AggregateError(errors, 'collection errors');
  return resourceMetrics;
}
