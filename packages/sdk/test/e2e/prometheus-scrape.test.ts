import type { MetricsHandle } from '@mcp-otel/sdk';
import { startMetrics } from '@mcp-otel/sdk';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { httpRequest } from '../peers/http-request.js';
import { pollUntil } from '../peers/poll.js';
import type { PrometheusPeer, PromSample } from '../peers/prometheus.js';
import { startPrometheus } from '../peers/prometheus.js';
import { promtoolCheckMetrics } from '../peers/promtool.js';

// A real Prometheus 2.42 scrapes the endpoint startMetrics opened; the first scrape lands about
// 5-6 s after Prometheus starts, so one Prometheus serves every test here.
const TIMEOUT = 60_000;

function byLabel(samples: PromSample[], label: string): Record<string, number> {
  return Object.fromEntries(samples.map((s) => [s.metric[label] ?? '', s.value]));
}

describeWithPeer('prometheus', 'startMetrics with a prometheus exporter, scraped by Prometheus', () => {
  let handle: MetricsHandle | undefined;
  let prom: PrometheusPeer | undefined;

  beforeAll(async () => {
    handle = await startMetrics(
      { serviceName: 'e2e', serviceVersion: '1.2.3', exporters: [{ type: 'prometheus', port: 0 }], registerGlobal: false },
      { env: {} },
    );
    // Through the plain OpenTelemetry API of the handle's meter.
    const meter = handle.meter('e2e-scope', '0.1.0');
    const requests = meter.createCounter('e2e.requests', { description: 'Requests handled.', unit: '{request}' });
    requests.add(3, { route: '/a' });
    requests.add(1, { route: '/b' });
    const latency = meter.createHistogram('e2e.latency', { unit: 's', advice: { explicitBucketBoundaries: [0.1, 0.5, 1] } });
    for (const seconds of [0.05, 0.3, 0.7, 2]) latency.record(seconds, { route: '/a' });
    const inflight = meter.createUpDownCounter('e2e.inflight');
    inflight.add(5);
    inflight.add(-2);
    meter.createGauge('e2e.temperature', { unit: 'Cel' }).record(21.5, { room: 'lab' });
    // Through the facade.
    const calls = handle.counter('e2e.facade.calls', { tool: 'echo' });
    calls.increment();
    calls.increment(2);
    handle.histogram('e2e.facade.size', { tool: 'echo' }, { buckets: [10, 100] }).record(50);
    handle.gauge('e2e.facade.level').set(7);
    handle.upDownCounter('e2e.facade.sessions').increment(4);
    const payload = handle.summary('e2e.facade.payload');
    for (let value = 1; value <= 100; value += 1) payload.record(value);

    prom = await startPrometheus({ targets: [handle.endpoints.prometheus!] });
  }, TIMEOUT);

  afterAll(async () => {
    await prom?.stop();
    await handle?.shutdown();
  });

  it('opens the endpoint on 127.0.0.1 with the port it bound', () => {
    expect(handle!.endpoints.prometheus).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/metrics$/);
  });

  it('gets counters scraped under their Prometheus names with attributes as labels', async () => {
    const samples = await prom!.waitForSeries('e2e_requests_total');
    expect(byLabel(samples, 'route')).toEqual({ '/a': 3, '/b': 1 });
    expect(samples[0]!.metric).toMatchObject({ otel_scope_name: 'e2e-scope', otel_scope_version: '0.1.0', job: 'target0' });
    const [up] = await prom!.query('up{job="target0"}');
    expect(up!.value).toBe(1);
  }, TIMEOUT);

  it('gets histograms scraped with their bucket boundaries, count and sum', async () => {
    const buckets = await prom!.waitForSeries('e2e_latency_seconds_bucket{route="/a"}');
    expect(byLabel(buckets, 'le')).toEqual({ '0.1': 1, '0.5': 2, '1': 3, '+Inf': 4 });
    const [count] = await prom!.waitForSeries('e2e_latency_seconds_count{route="/a"}');
    expect(count!.value).toBe(4);
    const [sum] = await prom!.waitForSeries('e2e_latency_seconds_sum{route="/a"}');
    expect(sum!.value).toBeCloseTo(3.05, 10);
  }, TIMEOUT);

  it('gets up-down counters and gauges scraped as gauges', async () => {
    const [inflight] = await prom!.waitForSeries('e2e_inflight');
    expect(inflight!.value).toBe(3);
    const [temperature] = await prom!.waitForSeries('e2e_temperature_celsius');
    expect(temperature!.metric.room).toBe('lab');
    expect(temperature!.value).toBe(21.5);
  }, TIMEOUT);

  it('gets facade instruments scraped under the @mcp-otel/sdk/app scope', async () => {
    const [calls] = await prom!.waitForSeries('e2e_facade_calls_total');
    expect(calls!.metric).toMatchObject({ tool: 'echo', otel_scope_name: '@mcp-otel/sdk/app' });
    expect(calls!.value).toBe(3);
    const sizes = await prom!.waitForSeries('e2e_facade_size_bucket{tool="echo"}');
    expect(byLabel(sizes, 'le')).toEqual({ '10': 0, '100': 1, '+Inf': 1 });
    expect((await prom!.waitForSeries('e2e_facade_level'))[0]!.value).toBe(7);
    expect((await prom!.waitForSeries('e2e_facade_sessions'))[0]!.value).toBe(4);
  }, TIMEOUT);

  // Values 1..100 span a range of 100: scale 4, base b = 2^(1/16), and Prometheus' linear
  // interpolation inside a bucket is off by at most b - 1 = 4.43% (docs/facade.md).
  it.each([
    [0.5, 50],
    [0.99, 99],
  ])('gets summaries scraped as buckets whose histogram_quantile(%s) is within the documented bound', async (q, truth) => {
    const [count] = await prom!.waitForSeries('e2e_facade_payload_count');
    expect(count!.value).toBe(100);
    const [estimate] = await prom!.waitForSeries(`histogram_quantile(${q}, e2e_facade_payload_bucket)`);
    expect(Math.abs(estimate!.value - truth) / truth).toBeLessThanOrEqual(2 ** (1 / 16) - 1 + 1e-9);
  }, TIMEOUT);

  it('exposes the resource as target_info', async () => {
    const [info] = await prom!.waitForSeries('target_info{job="target0"}');
    expect(info!.metric).toMatchObject({ service_name: 'e2e', service_version: '1.2.3', telemetry_sdk_language: 'nodejs' });
    expect(info!.metric.service_instance_id).toMatch(/\S/);
  }, TIMEOUT);

  it('serves values recorded after Prometheus started on the next scrapes', async () => {
    await prom!.waitForSeries('e2e_facade_calls_total');
    handle!.counter('e2e.facade.calls', { tool: 'echo' }).increment(10);
    const updated = await pollUntil(
      async () => {
        const [sample] = await prom!.query('e2e_facade_calls_total{tool="echo"}');
        return sample?.value === 13 ? sample : undefined;
      },
      { what: 'e2e_facade_calls_total to reach 13', timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(updated.value).toBe(13);
  }, TIMEOUT);

  it('serves text that promtool check metrics accepts', async () => {
    const res = await httpRequest(handle!.endpoints.prometheus!);
    expect(res.status).toBe(200);
    const text = res.body.toString('utf8');
    expect(text).toContain('e2e_requests_total');
    const result = await promtoolCheckMetrics(text);
    expect(result).toEqual({ exitCode: 0, output: '' });
  }, TIMEOUT);
});
