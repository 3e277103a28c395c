import { createNoopMeter } from '@opentelemetry/api';
import { RoutingMeterProvider } from '../../src/meter/routing-meter-provider.js';
import { createMetricsPipeline } from '../../src/platform/node/node-pipeline.js';
import { findMetrics } from '../peers/otlp-decoded.js';
import { startOtlpReceiver } from '../peers/otlp-receiver.js';
import { resolvedConfig } from '../support/resolved-config.js';

// The host-facing provider wraps the SDK's MeterProvider; forceFlush() is how an instrumentation
// (the end of a stdio MCP session) or a host makes the push exporters export now.
describe('forceFlush() of the routing meter provider', () => {
  it('reaches the push exporters, for our series and OTel instruments alike', async () => {
    const receiver = await startOtlpReceiver();
    // An hour-long interval: only forceFlush() can make this export happen within the test.
    const otlp = { type: 'otlp', endpoint: receiver.url, protocol: 'http/json', headers: {}, timeoutMs: 2000, compression: 'none', temporality: 'cumulative' } as const;
    const pipeline = createMetricsPipeline(resolvedConfig({ exporters: [otlp], collectionIntervalMs: 3_600_000 }));
    try {
      const meter = pipeline.meterProvider.getMeter('flush-test');
      meter.createCounter('flush.calls').add(1);
      meter.createHistogram('flush.duration', { unit: 's' }).record(0.25);
      expect(receiver.received).toHaveLength(0);
      await (pipeline.meterProvider as RoutingMeterProvider).forceFlush();
      const requests = receiver.received.map((r) => r.request);
      expect(findMetrics(requests, 'flush.calls')).toHaveLength(1);
      expect(findMetrics(requests, 'flush.duration')).toHaveLength(1);
    } finally {
      await pipeline.shutdown();
      await receiver.close();
    }
  });

  it('resolves when the SDK provider cannot flush (an API-only provider)', async () => {
    const apiOnly = { getMeter: () => createNoopMeter() };
    const provider = new RoutingMeterProvider(apiOnly, undefined as never, undefined as never);
    await expect(provider.forceFlush()).resolves.toBeUndefined();
  });
});
