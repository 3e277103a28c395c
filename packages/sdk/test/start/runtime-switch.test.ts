import { startMetrics } from '@mcp-otel/sdk';
import type { MetricsHandle } from '@mcp-otel/sdk';

const handles: MetricsHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.shutdown()));
});

async function scrape(config: Parameters<typeof startMetrics>[0]): Promise<string> {
  const handle = await startMetrics({ registerGlobal: false, exporters: [{ type: 'prometheus', port: 0 }], ...config }, { env: {} });
  handles.push(handle);
  await new Promise((resolve) => setTimeout(resolve, 100)); // a few event loop delay samples
  return (await fetch(handle.endpoints.prometheus!)).text();
}

describe('startMetrics runtime metrics', () => {
  it('are on by default, under the @mcp-otel/sdk/runtime scope, with their semantic-convention names', async () => {
    const text = await scrape({});
    for (const name of ['nodejs_eventloop_utilization_ratio', 'nodejs_eventloop_time_seconds_total', 'v8js_memory_heap_used_bytes', 'process_cpu_time_seconds_total', 'process_memory_usage_bytes']) {
      expect([name, new RegExp(`^${name}\\{[^}]*otel_scope_name="@mcp-otel/sdk/runtime"`, 'm').test(text)]).toEqual([name, true]);
    }
    expect(text).toMatch(/^v8js_memory_heap_used_bytes\{v8js_heap_space_name="old_space",/m);
  });

  it('are not started with runtime: false', async () => {
    const text = await scrape({ runtime: false });
    expect(text).not.toContain('otel_scope_name="@mcp-otel/sdk/runtime"');
  });

  it('follow components.runtime like any component: dropped when disabled, attributes filtered', async () => {
    expect(await scrape({ components: { runtime: { enabled: false } } })).not.toContain('otel_scope_name="@mcp-otel/sdk/runtime"');
    const filtered = await scrape({ components: { runtime: { attributes: [] } } });
    expect(filtered).toMatch(/^v8js_memory_heap_used_bytes\{otel_scope_name="@mcp-otel\/sdk\/runtime"/m);
    expect(filtered).not.toContain('v8js_heap_space_name');
  });
});
