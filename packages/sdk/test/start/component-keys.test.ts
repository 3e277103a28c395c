import { componentsExchange } from '../../../instrumentation/test/helpers/components-exchange.js';
import { startMetrics } from '@mcp-otel/sdk';
import type { MetricsConfig, MetricsHandle } from '@mcp-otel/sdk';

const handles: MetricsHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.shutdown()));
});

/** Runs every cache, storage, WebAssembly and component feature under `config` and scrapes once. */
async function scrapeWith(components: MetricsConfig['components']): Promise<string> {
  const handle = await startMetrics({ registerGlobal: false, runtime: false, exporters: [{ type: 'prometheus', port: 0 }], components }, { env: {} });
  handles.push(handle);
  await componentsExchange(handle.meterProvider);
  return (await fetch(handle.endpoints.prometheus!)).text();
}

const lines = (text: string, prefix: string) => text.split('\n').filter((line) => line.startsWith(prefix));

describe('components keys cache, storage, wasm and component', () => {
  it('each disables its meter, and only its meter', async () => {
    const all = await scrapeWith({});
    for (const prefix of ['mcp_otel_cache_', 'db_client_operation_duration', 'mcp_otel_storage_', 'mcp_otel_wasm_', 'mcp_otel_component_']) {
      expect([prefix, lines(all, prefix).length > 0]).toEqual([prefix, true]);
    }
    const none = await scrapeWith({ cache: { enabled: false }, storage: { enabled: false }, wasm: { enabled: false }, component: { enabled: false } });
    for (const prefix of ['mcp_otel_cache_', 'db_client_operation_duration', 'mcp_otel_storage_', 'mcp_otel_wasm_', 'mcp_otel_component_']) {
      expect([prefix, lines(none, prefix)]).toEqual([prefix, []]);
    }
    const onlyCacheOff = await scrapeWith({ cache: { enabled: false } });
    expect(lines(onlyCacheOff, 'mcp_otel_cache_')).toEqual([]);
    expect(lines(onlyCacheOff, 'mcp_otel_wasm_call_duration_seconds_count').length).toBeGreaterThan(0);
  });

  it('give histograms their buckets and keep only the allowed attribute keys', async () => {
    const text = await scrapeWith({
      wasm: { histogramBuckets: [0.5, 1] },
      storage: { attributes: ['db.system.name', 'error.type'] },
      component: { histogramBuckets: [2], attributes: ['mcp_otel.component.name'] },
      cache: { attributes: ['mcp_otel.cache.name'] },
    });
    const wasmBuckets = lines(text, 'mcp_otel_wasm_call_duration_seconds_bucket{').map((line) => /le="([^"]+)"/.exec(line)![1]);
    expect([...new Set(wasmBuckets)].sort()).toEqual(['+Inf', '0.5', '1']);
    expect(lines(text, 'db_client_operation_duration_seconds_count{').map((line) => line.replace(/,otel_scope_name="[^"]*"/, '').replace(/,otel_scope_version="[^"]*"/, '').replace(/ \d+$/, '')).sort()).toEqual([
      'db_client_operation_duration_seconds_count{db_system_name="docs-kv",error_type="Error"}',
      'db_client_operation_duration_seconds_count{db_system_name="docs-kv"}',
      'db_client_operation_duration_seconds_count{db_system_name="filesystem",error_type="ENOENT"}',
      'db_client_operation_duration_seconds_count{db_system_name="sqlite"}',
    ]);
    expect(lines(text, 'mcp_otel_component_operation_duration_seconds_bucket{').map((line) => /le="([^"]+)"/.exec(line)![1])).toEqual(['2', '+Inf']);
    expect(text).not.toMatch(/mcp_otel_cache_operations_total\{[^}]*mcp_otel_cache_outcome/);
  });

  it('sample histograms at their rate and scale the counts back', async () => {
    const handle = await startMetrics({ registerGlobal: false, runtime: false, exporters: [{ type: 'prometheus', port: 0 }], components: { component: { samplingRate: 0.25 } } }, { env: {} });
    handles.push(handle);
    const { trackComponent } = await import('@mcp-otel/instrumentation');
    const tracker = trackComponent('sampled', { meterProvider: handle.meterProvider });
    for (let i = 0; i < 4000; i++) tracker.invoke('run', () => i);
    const text = await (await fetch(handle.endpoints.prometheus!)).text();
    const count = Number(/^mcp_otel_component_operation_duration_seconds_count\{[^}]*mcp_otel_component_name="sampled"[^}]*\} (\S+)$/m.exec(text)![1]);
    // 1 in 4 kept and scaled by 4: the estimate of 4000 is within a few standard deviations (about 110).
    expect(Math.abs(count - 4000)).toBeLessThan(600);
    expect(count % 4).toBe(0);
  });
});
