import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporalityPreference } from '@opentelemetry/exporter-metrics-otlp-http';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { describeWithPeer } from './describe-with-peer.js';
import { pollUntil } from './poll.js';
import type { VictoriaMetricsPeer } from './victoria-metrics.js';
import { startVictoriaMetrics } from './victoria-metrics.js';

// Pushes with the OTel SDK and exporter directly, so this test checks the helper, not our SDK.
describeWithPeer('victoria-metrics', 'startVictoriaMetrics', () => {
  let vm: VictoriaMetricsPeer | undefined;
  let provider: MeterProvider | undefined;

  afterEach(async () => {
    await provider?.shutdown();
    await vm?.stop();
    provider = undefined;
    vm = undefined;
  });

  it('receives OTLP protobuf and gives the series back through export', async () => {
    vm = await startVictoriaMetrics();
    expect(vm.otlpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/opentelemetry\/v1\/metrics$/);
    const reader = new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: vm.otlpUrl }),
      exportIntervalMillis: 3_600_000,
    });
    provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'peer-check' }), readers: [reader] });
    const meter = provider.getMeter('peer-check');
    meter.createCounter('peer.check.calls').add(5, { 'peer.route': 'a' });
    meter.createHistogram('peer.check.latency', { advice: { explicitBucketBoundaries: [1, 10] } }).record(4);
    await provider.forceFlush();

    const [calls] = await vm.export('{__name__="peer.check.calls"}');
    expect(calls!.metric).toEqual({ __name__: 'peer.check.calls', 'peer.route': 'a', 'service.name': 'peer-check' });
    expect(calls!.values).toEqual([5]);
    const [queried] = await vm.query('sum({__name__="peer.check.calls"})');
    expect(queried!.value).toBe(5);
    const buckets = await vm.export('{__name__="peer.check.latency_bucket"}', { minSeries: 3 });
    const byLe = Object.fromEntries(buckets.map((s) => [s.metric.le, s.values.at(-1)]));
    expect(byLe).toEqual({ '1': 0, '10': 1, '+Inf': 1 });
    expect(await vm.selfMetric('vm_rows_inserted_total', 'opentelemetry')).toBeGreaterThan(0);
    expect(await vm.droppedOtlpRows()).toBe(0);
  });

  // VictoriaMetrics 1.112 skips delta sums: proves that droppedOtlpRows does see drops.
  it('counts rows it cannot ingest as dropped', async () => {
    vm = await startVictoriaMetrics();
    const reader = new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: vm.otlpUrl, temporalityPreference: AggregationTemporalityPreference.DELTA }),
      exportIntervalMillis: 3_600_000,
    });
    provider = new MeterProvider({ readers: [reader] });
    provider.getMeter('peer-check').createCounter('peer.check.delta').add(3);
    await provider.forceFlush();
    const dropped = await pollUntil(async () => ((await vm!.droppedOtlpRows()) > 0 ? vm!.droppedOtlpRows() : undefined), {
      what: 'a dropped OTLP row',
      timeoutMs: 5_000,
    });
    expect(dropped).toBe(1);
  });
});
