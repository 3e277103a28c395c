import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { metrics as otelMetrics } from '@opentelemetry/api';
import { ConfigError, startMetrics } from '@mcp-otel/sdk';
import type { MetricsHandle } from '@mcp-otel/sdk';

// Issue 9, findings 1 and 2: a taken Prometheus port or a bad OTEL_* value made startMetrics reject,
// so the MCP server died at top-level await. Now: one stderr line each, handle.problems, the rest runs.

const handles: MetricsHandle[] = [];
let stderr: string[] = [];
let dir = '';

beforeEach(() => {
  stderr = [];
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
  dir = mkdtempSync(path.join(tmpdir(), 'mcp-otel-startup-'));
});

afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.shutdown()));
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function start(...args: Parameters<typeof startMetrics>): Promise<MetricsHandle> {
  const handle = await startMetrics(...args);
  handles.push(handle);
  return handle;
}

function configFile(content: object): string {
  const file = path.join(dir, 'mcp-otel.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

async function blockPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

const lines = (): string[] => stderr.join('').split('\n').filter((line) => line !== '');

describe('startMetrics outside strict mode (regression: issue 9 findings 1 and 2)', () => {
  it('ignores OTEL_EXPORTER_PROMETHEUS_PORT=99999 with one stderr line, and serves on the next source', async () => {
    const file = configFile({ exporters: [{ type: 'prometheus', port: 0 }] });
    const handle = await start(undefined, { env: { OTEL_EXPORTER_PROMETHEUS_PORT: '99999' }, configFile: file });
    expect(handle.problems).toEqual([expect.objectContaining({ kind: 'config', where: 'env OTEL_EXPORTER_PROMETHEUS_PORT' })]);
    const warnings = lines().filter((line) => line.includes(' warn '));
    expect(warnings).toEqual([expect.stringContaining('ignoring env OTEL_EXPORTER_PROMETHEUS_PORT: got "99999", expected an integer 0..65535')]);
    expect(warnings[0]).toContain('MCP_OTEL_STRICT=true');
    const response = await fetch(handle.endpoints.prometheus!);
    expect(await response.text()).toMatch(/^mcp_otel_sdk_problems\{mcp_otel_problem_kind="config",otel_scope_name="@mcp-otel\/sdk\/self"\} 1$/m);
  });

  it('ignores OTEL_EXPORTER_OTLP_TIMEOUT=10s and keeps the default timeout', async () => {
    const handle = await start({ exporters: [{ type: 'otlp', endpoint: 'http://127.0.0.1:9/v1/metrics' }] }, { env: { OTEL_EXPORTER_OTLP_TIMEOUT: '10s' } });
    expect(handle.problems.map((problem) => problem.where)).toEqual(['env OTEL_EXPORTER_OTLP_TIMEOUT']);
    expect(handle.config.exporters[0]).toMatchObject({ type: 'otlp', timeoutMs: 10_000 });
  });

  it('skips a taken Prometheus port with one line naming the address and the fix; the other exporters run', async () => {
    const { port, server } = await blockPort();
    try {
      const handle = await start({ exporters: [{ type: 'prometheus', port }, { type: 'prometheus', port: 0 }] }, { env: {} });
      expect(handle.problems).toEqual([expect.objectContaining({ kind: 'listen', where: `127.0.0.1:${port}` })]);
      const warnings = lines().filter((line) => line.includes(' warn '));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`127.0.0.1:${port}: the port is already in use`);
      expect(warnings[0]).toContain('or 0 to pick one');
      handle.counter('still.counted').increment();
      const text = await (await fetch(handle.endpoints.prometheus!)).text();
      expect(text).toContain('still_counted_total');
      expect(text).toMatch(/^mcp_otel_sdk_problems\{mcp_otel_problem_kind="listen",otel_scope_name="@mcp-otel\/sdk\/self"\} 1$/m);
      expect(otelMetrics.getMeterProvider()).toBe(handle.meterProvider);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('writes the port picked for port 0 to stderr, equal to handle.endpoints', async () => {
    const handle = await start({ exporters: [{ type: 'prometheus', port: 0 }] }, { env: {} });
    expect(lines()).toEqual([`[mcp-otel] info serving Prometheus metrics on ${handle.endpoints.prometheus}`]);
  });

  it('says nothing at all when everything starts as configured on a fixed port', async () => {
    const { port, server } = await blockPort();
    await new Promise((resolve) => server.close(resolve));
    const handle = await start({ exporters: [{ type: 'prometheus', port }] }, { env: {} });
    expect(handle.problems).toEqual([]);
    expect(stderr).toEqual([]);
  });

  it('OTEL_LOG_LEVEL=none silences the reports, not the problems list', async () => {
    const handle = await start({ exporters: [{ type: 'console' }] }, { env: { OTEL_LOG_LEVEL: 'none', OTEL_METRIC_EXPORT_INTERVAL: 'soon' } });
    expect(handle.problems).toHaveLength(1);
    expect(stderr).toEqual([]);
  });
});

describe('startMetrics in strict mode', () => {
  it('rejects a bad env value with a ConfigError when MCP_OTEL_STRICT=true', async () => {
    const error: unknown = await startMetrics(undefined, { env: { MCP_OTEL_STRICT: 'true', OTEL_EXPORTER_PROMETHEUS_PORT: '99999' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.path)).toEqual(['env OTEL_EXPORTER_PROMETHEUS_PORT']);
  });

  it('rejects a taken port with strict: true in code, leaving nothing registered', async () => {
    const { port, server } = await blockPort();
    try {
      await expect(startMetrics({ strict: true, exporters: [{ type: 'prometheus', port }] }, { env: {} })).rejects.toThrow(`127.0.0.1:${port}: the port is already in use`);
      expect(otelMetrics.getMeterProvider().constructor.name).toBe('NoopMeterProvider');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
