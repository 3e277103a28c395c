import type { MetricsHandle } from '@mcp-otel/sdk';
import { startMetrics } from '@mcp-otel/sdk';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { assertOtlpExportCanRun } from '../peers/otlp-export-guard.js';
import type { VictoriaMetricsPeer, VmSeries } from '../peers/victoria-metrics.js';
import { startVictoriaMetrics } from '../peers/victoria-metrics.js';

// OTLP/HTTP protobuf from startMetrics into a real VictoriaMetrics 1.112, read back with /api/v1/export.
// VictoriaMetrics keeps OTel names and turns resource and data point attributes into labels.
const TIMEOUT = 60_000;

function latest(series: VmSeries[], labels: Record<string, string>): number | undefined {
  const match = series.find((s) => Object.entries(labels).every(([key, value]) => s.metric[key] === value));
  return match?.values.at(-1);
}

describeWithPeer('victoria-metrics', 'startMetrics with an OTLP http/protobuf exporter, received by VictoriaMetrics', () => {
  let vm: VictoriaMetricsPeer | undefined;
  let handle: MetricsHandle | undefined;

  beforeAll(async () => {
    await assertOtlpExportCanRun();
    vm = await startVictoriaMetrics();
    handle = await startMetrics(
      {
        serviceName: 'e2e-vm',
        serviceVersion: '1.2.3',
        resourceAttributes: { 'deployment.environment.name': 'test' },
        exporters: [{ type: 'otlp', protocol: 'http/protobuf', endpoint: vm.otlpUrl }],
        registerGlobal: false,
      },
      { env: {} },
    );
    const meter = handle.meter('e2e-scope');
    const requests = meter.createCounter('e2e.requests', { unit: '{request}' });
    requests.add(3, { route: '/a' });
    requests.add(1, { route: '/b' });
    const latency = meter.createHistogram('e2e.latency', { unit: 's', advice: { explicitBucketBoundaries: [0.1, 0.5, 1] } });
    for (const seconds of [0.05, 0.3, 0.7, 2]) latency.record(seconds, { route: '/a' });
    const inflight = meter.createUpDownCounter('e2e.inflight');
    inflight.add(5);
    inflight.add(-2);
    meter.createGauge('e2e.temperature', { unit: 'Cel' }).record(21.5, { room: 'lab' });
    handle.counter('e2e.facade.calls', { tool: 'echo' }).increment(2);
    const payload = handle.summary('e2e.facade.payload');
    for (let value = 1; value <= 100; value += 1) payload.record(value);
    await handle.forceFlush();
  }, TIMEOUT);

  afterAll(async () => {
    await handle?.shutdown();
    await vm?.stop();
  });

  it('delivers counters with their attributes and the resource attributes as labels', async () => {
    const series = await vm!.export('{__name__="e2e.requests"}', { minSeries: 2 });
    expect(series.map((s) => s.metric.route).sort()).toEqual(['/a', '/b']);
    expect(series[0]!.metric).toMatchObject({
      'service.name': 'e2e-vm',
      'service.version': '1.2.3',
      'deployment.environment.name': 'test',
      'telemetry.sdk.language': 'nodejs',
    });
    expect(series[0]!.metric['service.instance.id']).toMatch(/\S/);
    expect(latest(series, { route: '/a' })).toBe(3);
    expect(latest(series, { route: '/b' })).toBe(1);
  }, TIMEOUT);

  it('delivers histograms as cumulative buckets with their boundaries, count and sum', async () => {
    const buckets = await vm!.export('{__name__="e2e.latency_bucket",route="/a"}', { minSeries: 4 });
    expect(Object.fromEntries(buckets.map((s) => [s.metric.le, s.values.at(-1)]))).toEqual({ '0.1': 1, '0.5': 2, '1': 3, '+Inf': 4 });
    expect(latest(await vm!.export('{__name__="e2e.latency_count"}'), { route: '/a' })).toBe(4);
    expect(latest(await vm!.export('{__name__="e2e.latency_sum"}'), { route: '/a' })).toBeCloseTo(3.05, 10);
  }, TIMEOUT);

  it('delivers up-down counters, gauges and facade counters with their values', async () => {
    expect(latest(await vm!.export('{__name__="e2e.inflight"}'), {})).toBe(3);
    expect(latest(await vm!.export('{__name__="e2e.temperature"}'), { room: 'lab' })).toBe(21.5);
    expect(latest(await vm!.export('{__name__="e2e.facade.calls"}'), { tool: 'echo' })).toBe(2);
  }, TIMEOUT);

  // VictoriaMetrics turns the summary's exponential histogram into `vmrange` buckets (the same
  // bucket edges), so its histogram_quantile is off by at most b - 1 = 2^(1/16) - 1 for 1..100.
  it.each([
    [0.5, 50],
    [0.99, 99],
  ])('delivers summaries whose histogram_quantile(%s) is within the documented bound', async (q, truth) => {
    expect(latest(await vm!.export('{__name__="e2e.facade.payload_count"}'), {})).toBe(100);
    expect(latest(await vm!.export('{__name__="e2e.facade.payload_sum"}'), {})).toBe(5050);
    const [estimate] = await vm!.query(`histogram_quantile(${q}, {__name__="e2e.facade.payload_bucket"})`);
    expect(Math.abs(estimate!.value - truth) / truth).toBeLessThanOrEqual(2 ** (1 / 16) - 1 + 1e-9);
  }, TIMEOUT);

  it('sends nothing VictoriaMetrics has to drop', async () => {
    await vm!.export('{__name__=~"e2e.*"}');
    expect(await vm!.selfMetric('vm_rows_inserted_total', 'opentelemetry')).toBeGreaterThan(0);
    expect(await vm!.droppedOtlpRows()).toBe(0);
  }, TIMEOUT);
});
