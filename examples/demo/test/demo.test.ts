import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithPeer } from '../../../packages/sdk/test/peers/describe-with-peer';
import { pollUntil } from '../../../packages/sdk/test/peers/poll';
import { promtoolCheckMetrics } from '../../../packages/sdk/test/peers/promtool';

const main = join(__dirname, '..', 'dist', 'main.js');

/** Starts the built demo on free ports and resolves once it has printed its URLs. */
function startDemo(): Promise<{ child: ChildProcess; metricsUrl: string; mcpUrl: string; healthUrl: string; startedAt: number; stderr: () => string }> {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [main, '--port', '0', '--rate', '20', '--duration', '60'], {
    env: { ...process.env, OTEL_EXPORTER_PROMETHEUS_PORT: '0', OTEL_METRICS_EXPORTER: 'prometheus' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const metricsUrl = /metrics: +(http\S+)/.exec(stderr)?.[1];
      const mcpUrl = /Streamable HTTP\): +(http\S+)/.exec(stderr)?.[1];
      const healthUrl = /health: +(http\S+)/.exec(stderr)?.[1];
      if (metricsUrl !== undefined && mcpUrl !== undefined && healthUrl !== undefined) resolve({ child, metricsUrl, mcpUrl, healthUrl, startedAt, stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`demo exited early (${code}): ${stderr}`)));
  });
}

describeWithPeer('prometheus', 'the demo (npm start)', () => {
  let demo: Awaited<ReturnType<typeof startDemo>> | undefined;

  beforeAll(async () => {
    if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first (npm test does it)`);
    demo = await startDemo();
  });

  afterAll(async () => {
    if (demo === undefined || demo.child.exitCode !== null) return;
    const exited = new Promise((resolve) => demo!.child.once('exit', resolve));
    demo.child.kill('SIGTERM');
    await exited;
  });

  it('serves MCP, transport, cache, storage, WebAssembly, runtime and app metrics that promtool accepts', async () => {
    const text = await pollUntil(
      async () => {
        const body = await (await fetch(demo!.metricsUrl)).text();
        const ready = [
          /demo_client_calls_total\{[^}]*demo_call="echo"/,
          /mcp_server_operation_duration_seconds_count\{[^}]*gen_ai_tool_name="flaky_fetch"/,
          /error_type="tool_error"/,
          /mcp_client_operation_duration_seconds_count\{[^}]*gen_ai_tool_name="slow_report"/,
          // Issue 13: the cache in front of slow_report, the SQLite notes, the WebAssembly tool.
          /mcp_otel_cache_operations_total\{[^}]*mcp_otel_cache_name="reports"[^}]*mcp_otel_cache_outcome="hit"/,
          /db_client_operation_duration_seconds_count\{db_system_name="sqlite"[^}]*db_query_summary="INSERT notes"/,
          /mcp_otel_wasm_call_duration_seconds_count\{[^}]*mcp_otel_wasm_export_name="fibonacci"/,
        ];
        return ready.every((pattern) => pattern.test(body)) ? body : undefined;
      },
      { timeoutMs: 40_000, intervalMs: 200, what: 'demo metrics' },
    );
    expect(text).toMatch(/target_info\{[^}]*service_name="mcp-otel-demo"/);
    // Server side: tools/call with the tool name and the semconv operation name, over HTTP (tcp).
    expect(text).toMatch(/mcp_server_operation_duration_seconds_count\{[^}]*mcp_method_name="tools\/call"[^}]*gen_ai_tool_name="echo"[^}]*\} \d+/);
    expect(text).toMatch(/mcp_server_operation_duration_seconds_count\{[^}]*network_transport="tcp"/);
    // Client side, with the server address, and the transport-level counters.
    expect(text).toMatch(/mcp_client_operation_duration_seconds_count\{[^}]*server_address="127\.0\.0\.1"[^}]*gen_ai_tool_name="slow_report"/);
    expect(text).toMatch(/mcp_otel_transport_messages_total\{/);
    // The component meters and the Node runtime metrics.
    expect(text).toMatch(/mcp_otel_cache_entries_limit\{mcp_otel_cache_name="reports",mcp_otel_cache_type="lru-cache",[^}]*\} 4/);
    expect(text).toMatch(/mcp_otel_storage_usage_bytes\{db_system_name="sqlite",mcp_otel_storage_name="notes",[^}]*\} [1-9]\d*/);
    expect(text).toMatch(/mcp_otel_wasm_instances\{mcp_otel_wasm_module_name="demo-math",[^}]*\} 1/);
    expect(text).toMatch(/nodejs_eventloop_utilization_ratio\{otel_scope_name="@mcp-otel\/sdk\/runtime"\}/);
    expect(text).not.toContain('observed at'); // note texts (tool arguments) are never recorded
    const check = await promtoolCheckMetrics(text);
    expect(check.output).toBe('');
    expect(check.exitCode).toBe(0);
  }, 60_000);

  it('serves /livez, /readyz and /health beside /metrics', async () => {
    const base = demo!.healthUrl.replace(/\/health$/, '');
    expect(demo!.metricsUrl).toBe(`${base}/metrics`);
    expect([(await fetch(`${base}/livez`)).status, (await fetch(`${base}/readyz`)).status]).toEqual([200, 200]);
    const health = (await (await fetch(demo!.healthUrl)).json()) as { checks: Array<{ name: string }> };
    expect(health.checks.map((check) => check.name)).toEqual(['exporter:prometheus', 'mcp-transport', 'event-loop', 'heap']);
  });

  it('fires its alert rule (flaky_fetch error ratio above 20% for 30 s) on stderr within a minute of start', async () => {
    const line = await pollUntil(async () => /mcp-otel alert FIRING FlakyToolErrors\{gen_ai_tool_name="flaky_fetch",severity="warning"\} since \S+: flaky_fetch fails \S+% of its calls/.exec(demo!.stderr())?.[0], {
      timeoutMs: 60_000,
      intervalMs: 250,
      what: 'the FlakyToolErrors alert on stderr',
    });
    expect(Date.now() - demo!.startedAt).toBeLessThan(60_000);
    expect(line).toContain('flaky_fetch');
  }, 70_000);

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => demo!.child.once('exit', resolve));
    demo!.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(demo!.stderr()).toContain('demo: stopping (SIGTERM)');
  });
});
