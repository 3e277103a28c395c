import { componentsExchange } from '../../../instrumentation/test/helpers/components-exchange.js';
import type { MetricsHandle } from '@mcp-otel/sdk';
import { startMetrics } from '@mcp-otel/sdk';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { httpRequest } from '../peers/http-request.js';
import { attributesOf, findMetrics, lastMetric } from '../peers/otlp-decoded.js';
import { assertOtlpExportCanRun } from '../peers/otlp-export-guard.js';
import type { OtlpReceiver } from '../peers/otlp-receiver.js';
import { startOtlpReceiver } from '../peers/otlp-receiver.js';
import type { PrometheusPeer } from '../peers/prometheus.js';
import { startPrometheus } from '../peers/prometheus.js';
import { promtoolCheckMetrics } from '../peers/promtool.js';
import * as runtimeSemconv from '../../src/platform/node/runtime/runtime-semconv.js';

// Issue 13 end to end: caches, storage, WebAssembly and a component instrumented in one process whose
// startMetrics exports over Prometheus (scraped by a real Prometheus 2.42, linted by promtool) and
// OTLP/protobuf (decoded with the official protos); the Node runtime metrics come along.
const TIMEOUT = 60_000;

/** Every metric of the four instrumentation meters and of the runtime meter (docs/metrics.md). */
const OTLP_NAMES = [
  'mcp_otel.cache.operations', 'mcp_otel.cache.operation.duration', 'mcp_otel.cache.evictions', 'mcp_otel.cache.errors', 'mcp_otel.cache.entries',
  'mcp_otel.cache.entries.limit', 'mcp_otel.cache.memory.usage', 'mcp_otel.cache.memory.limit',
  'db.client.operation.duration', 'mcp_otel.storage.io', 'mcp_otel.storage.usage', 'mcp_otel.storage.limit', 'mcp_otel.storage.utilization',
  'mcp_otel.wasm.compile.duration', 'mcp_otel.wasm.instantiate.duration', 'mcp_otel.wasm.module.size', 'mcp_otel.wasm.call.duration', 'mcp_otel.wasm.traps',
  'mcp_otel.wasm.instances', 'mcp_otel.wasm.memory.size', 'mcp_otel.wasm.memory.grows',
  'mcp_otel.component.operation.duration', 'mcp_otel.component.active', 'mcp_otel.component.host_calls',
  // The Node runtime metrics; v8js.gc.duration only once a collection happened, not asserted.
  ...Object.entries(runtimeSemconv).filter(([key, name]) => key.startsWith('METRIC_') && name !== runtimeSemconv.METRIC_V8JS_GC_DURATION).map(([, name]) => name as string),
];

describeWithPeer(['prometheus', 'otlp-proto'], 'cache, storage, WebAssembly and component metrics through Prometheus and OTLP', () => {
  let receiver: OtlpReceiver | undefined;
  let handle: MetricsHandle | undefined;
  let prom: PrometheusPeer | undefined;

  beforeAll(async () => {
    await assertOtlpExportCanRun();
    receiver = await startOtlpReceiver();
    handle = await startMetrics(
      {
        serviceName: 'components-e2e',
        registerGlobal: false,
        collectionInterval: '1h',
        exporters: [
          { type: 'prometheus', port: 0 },
          { type: 'otlp', protocol: 'http/protobuf', endpoint: receiver.url },
        ],
      },
      { env: {} },
    );
    await componentsExchange(handle.meterProvider);
    prom = await startPrometheus({ targets: [handle.endpoints.prometheus!] });
  }, TIMEOUT);

  afterAll(async () => {
    await prom?.stop();
    await handle?.shutdown();
    await receiver?.close();
  });

  it('is scraped by Prometheus, where the documented hit-ratio and eviction-rate queries work', async () => {
    const [ratio] = await prom!.waitForSeries(
      'sum by (mcp_otel_cache_name) (mcp_otel_cache_operations_total{mcp_otel_cache_name="docs-lru", mcp_otel_cache_operation="get", mcp_otel_cache_outcome="hit"}) / sum by (mcp_otel_cache_name) (mcp_otel_cache_operations_total{mcp_otel_cache_name="docs-lru", mcp_otel_cache_operation="get"})',
    );
    expect(ratio!.value).toBe(0.5); // get(a) missed (evicted by b), get(b) hit
    const [evictions] = await prom!.waitForSeries('sum by (mcp_otel_cache_eviction_reason) (mcp_otel_cache_evictions_total{mcp_otel_cache_name="docs-lru"})');
    expect(evictions).toEqual({ metric: { mcp_otel_cache_eviction_reason: 'evict' }, value: 1 });
    const [sqlite] = await prom!.waitForSeries('db_client_operation_duration_seconds_count{db_system_name="sqlite", db_query_summary="SELECT notes"}');
    expect(sqlite!.value).toBe(1);
    const [trap] = await prom!.waitForSeries('mcp_otel_wasm_traps_total{mcp_otel_wasm_trap_kind="unreachable"}');
    expect(trap!.metric).toMatchObject({ mcp_otel_wasm_export_name: 'unreachable', otel_scope_name: '@mcp-otel/instrumentation/wasm' });
    const [hostCalls] = await prom!.waitForSeries('sum(mcp_otel_component_host_calls_total{mcp_otel_component_name="docs-component"})');
    expect(hostCalls!.value).toBe(3); // log once, deny once, and deny's failure
    const [utilization] = await prom!.waitForSeries('nodejs_eventloop_utilization_ratio{job="target0"}');
    expect(utilization!.value).toBeGreaterThanOrEqual(0);
  }, TIMEOUT);

  it('serves exposition text that promtool check metrics accepts', async () => {
    const text = (await httpRequest(handle!.endpoints.prometheus!)).body.toString('utf8');
    for (const name of ['mcp_otel_cache_operations_total', 'db_client_operation_duration_seconds_bucket', 'mcp_otel_wasm_call_duration_seconds_bucket', 'mcp_otel_component_active', 'process_cpu_time_seconds_total']) {
      expect([name, text.includes(name)]).toEqual([name, true]);
    }
    expect(text).not.toContain('secret');
    expect(await promtoolCheckMetrics(text)).toEqual({ exitCode: 0, output: '' });
  }, TIMEOUT);

  it('exports every metric over OTLP/protobuf, decoded with the official protos', async () => {
    await handle!.forceFlush();
    const exports = await receiver!.waitForExports(1);
    expect(receiver!.rejected).toEqual([]);
    const requests = exports.map((e) => e.request);
    for (const name of OTLP_NAMES) expect([name, findMetrics(requests, name).length > 0]).toEqual([name, true]);
    const storage = lastMetric(requests, 'db.client.operation.duration');
    expect([storage.scope, storage.metric.unit, storage.resource['service.name']]).toEqual(['@mcp-otel/instrumentation/storage', 's', 'components-e2e']);
    expect(storage.metric.histogram!.dataPoints[0]!.explicitBounds).toEqual([0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10]);
    const failures = storage.metric.histogram!.dataPoints.map((p) => attributesOf(p.attributes)).filter((a) => a['error.type'] !== undefined);
    expect(failures).toContainEqual({ 'db.system.name': 'filesystem', 'db.operation.name': 'readFile', 'error.type': 'ENOENT', 'db.response.status_code': 'ENOENT' });
    const calls = lastMetric(requests, 'mcp_otel.wasm.call.duration');
    expect(calls.metric.histogram!.dataPoints.map((p) => [attributesOf(p.attributes)['mcp_otel.wasm.export.name'], Number(p.count)]).sort()).toEqual([
      ['add', 1],
      ['grow', 1],
      ['unreachable', 1],
    ]);
  }, TIMEOUT);
});
