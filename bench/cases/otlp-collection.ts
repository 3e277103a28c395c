/**
 * A realistic collection for the OTLP encoders: 50 metrics x 20 series from a real sdk-metrics
 * MeterProvider (20 counters, 10 up-down counters, 15 explicit-bucket histograms, 5 gauges), each
 * series with 3 attributes, the way an MCP server's tools show up.
 */
import { ValueType, type Attributes, type Counter, type Gauge, type Histogram, type UpDownCounter } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';

class PullReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export async function otlpCollection(metrics = 50, series = 20): Promise<ResourceMetrics> {
  const reader = new PullReader();
  const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'bench-server', 'service.version': '1.2.3', 'host.name': 'bench-host' }), readers: [reader] });
  const meter = provider.getMeter('mcp-otel', '0.1.0');
  const counters = new Map<string, Counter>();
  const upDownCounters = new Map<string, UpDownCounter>();
  const histograms = new Map<string, Histogram>();
  const gauges = new Map<string, Gauge>();
  for (let m = 0; m < metrics; m++) {
    const name = `mcp.bench.metric.${m}`;
    const record: (value: number, attributes: Attributes) => void =
      m < 20
        ? (v, a) => counters.get(name)!.add(v, a)
        : m < 30
          ? (v, a) => upDownCounters.get(name)!.add(Math.round(v), a)
          : m < 45
            ? (v, a) => histograms.get(name)!.record(v, a)
            : (v, a) => gauges.get(name)!.record(v, a);
    if (m < 20) counters.set(name, meter.createCounter(name, { unit: '{call}', description: 'Calls handled' }));
    else if (m < 30) upDownCounters.set(name, meter.createUpDownCounter(name, { valueType: ValueType.INT }));
    else if (m < 45) histograms.set(name, meter.createHistogram(name, { unit: 's', description: 'Duration' }));
    else gauges.set(name, meter.createGauge(name));
    for (let s = 0; s < series; s++) {
      record((s + 1) * 0.37, { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': `tool-${s}`, 'error.type': s % 5 === 0 ? 'timeout' : '_OTHER' });
    }
  }
  const { resourceMetrics, errors } = await reader.collect();
  await provider.shutdown();
  if (errors.length > 0) throw new AggregateError(errors, 'collection errors');
  return resourceMetrics;
}
