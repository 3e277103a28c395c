import { createNoopMeter } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { SamplingMeterProvider } from '../../src/sampling/sampling-meter-provider';
import { FastLane } from '../../src/fast-lane/fast-lane';
import { resolvedConfig } from '../support/resolved-config';

// The host-facing providers wrap the SDK's MeterProvider; forceFlush() is how an instrumentation
// (the end of a stdio MCP session) or a host makes the push exporters export now.
describe('forceFlush() of the wrapping meter providers', () => {
  it('reaches the push exporters through the fast lane and the sampling wrappers', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const sdk = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })] });
    const fast = new FastLane({ config: resolvedConfig() }).wrap(sdk);
    const sampling = new SamplingMeterProvider(fast, () => 1);
    sampling.getMeter('flush-test').createCounter('flush.calls').add(1);
    expect(exporter.getMetrics()).toHaveLength(0);
    await sampling.forceFlush();
    expect(exporter.getMetrics().length).toBeGreaterThan(0);
    await sdk.shutdown();
  });

  it('resolves when the delegate cannot flush (an API-only provider)', async () => {
    const apiOnly = { getMeter: () => createNoopMeter() };
    await expect(new SamplingMeterProvider(apiOnly, () => 1).forceFlush()).resolves.toBeUndefined();
  });
});
