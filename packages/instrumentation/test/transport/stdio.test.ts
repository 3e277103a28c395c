import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { instrumentMcpClient } from '@mcp-otel/instrumentation';
import { PROTOCOL, s } from '../helpers/connect-pair.js';
import { SDKS } from '../helpers/sdk/sdks.js';
import { flatten, series, TestMetrics, total, waitFor } from '../helpers/test-metrics.js';
import type { CollectedMetric } from '../helpers/test-metrics.js';

/**
 * The child (fixtures/stdio-server.js) is an instrumented stdio server with no stdin handling of its
 * own, like the README's: its metrics reach METRICS_FILE only through the flush the instrumentation
 * makes when the stdio session ends, which for SDK 1.x it sees only by watching stdin end.
 */
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'stdio-server.js');
const DIST = path.join(__dirname, '..', '..', 'dist', 'index.js');
const PIPE = { 'network.transport': 'pipe', 'mcp.protocol.version': PROTOCOL };
const tool = (name: string, extra: Record<string, unknown> = {}) => ({ ...PIPE, 'mcp.method.name': 'tools/call', 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name, ...extra });

function childMetrics(file: string): Map<string, CollectedMetric> {
  return flatten(JSON.parse(fs.readFileSync(file, 'utf8')) as Parameters<typeof flatten>[0]);
}

describe.each(SDKS)('stdio, server in a child process (%s)', (_name, sdk) => {
  let dir: string;
  beforeAll(() => {
    if (!fs.existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npx tsc -b packages/instrumentation\` before these tests`);
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-otel-stdio-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes nothing but JSON-RPC lines to stdout, measures the server, and ends the session and flushes when stdin ends', async () => {
    const metricsFile = path.join(dir, 'metrics.json');
    const child = spawn(process.execPath, [FIXTURE, String(sdk.generation)], { env: { ...process.env, METRICS_FILE: metricsFile }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const send = (m: object) => child.stdin.write(JSON.stringify(m) + '\n');
      send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
      // Like a real client, wait for the negotiated version before going on.
      await waitFor(() => stdout.includes('\n'), 10_000, 'the initialize response');
      send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo', arguments: { text: 'hi' } } });
      send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'fail', arguments: {} } });
      send({ jsonrpc: '2.0', id: 4, method: 'no/such/method' });
      child.stdin.write('this line is not JSON\n');
      send({ jsonrpc: '2.0', id: 5, method: 'ping' });
      await waitFor(() => stdout.split('\n').filter(Boolean).length >= 5, 10_000, 'five responses on stdout');
      // The MCP stdio shutdown: the client closes the server's stdin, and the process runs out of work.
      child.stdin.end();
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }

    const lines = stdout.split('\n').filter(Boolean);
    const parsed = lines.map((l) => JSON.parse(l) as { jsonrpc: string; id: number });
    expect(parsed.every((m) => m.jsonrpc === '2.0')).toBe(true);
    expect(parsed.map((m) => m.id).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(stderr).toBe('');

    const child_ = childMetrics(metricsFile);
    expect(series(child_.get('mcp.server.operation.duration'))).toEqual(
      [
        s({ ...PIPE, 'mcp.method.name': 'initialize' }, 1),
        s({ ...PIPE, 'mcp.method.name': 'notifications/initialized' }, 1),
        s(tool('echo'), 1),
        s(tool('fail', { 'error.type': 'tool_error' }), 1),
        s({ ...PIPE, 'mcp.method.name': '_OTHER', 'rpc.response.status_code': '-32601' }, 1),
        s({ ...PIPE, 'mcp.method.name': 'ping' }, 1),
      ].sort(),
    );
    expect(series(child_.get('mcp.server.session.duration'))).toEqual([s(PIPE, 1)]);
    const stdio = { 'mcp_otel.transport.type': 'stdio', 'network.transport': 'pipe' };
    // The non-JSON line was never delivered as a message: 1.x reports it (onerror), 2.x skips it.
    const reported = sdk.behaviour.stdioNonJsonLine === 'SyntaxError' ? [s({ ...stdio, 'error.type': 'SyntaxError' }, 1)] : [];
    expect(series(child_.get('mcp_otel.transport.errors'))).toEqual(reported);
    expect(series(child_.get('mcp_otel.transport.active_connections'))).toEqual([s(stdio, 0)]);
  });

  it('measures an instrumented client talking to the child, and the child its session, ended by the client closing stdin', async () => {
    const metrics = new TestMetrics();
    const metricsFile = path.join(dir, 'metrics.json');
    const client = sdk.createClient();
    instrumentMcpClient(client.raw, { meterProvider: metrics.provider });
    const transport = sdk.stdioClient(FIXTURE, { ...process.env, METRICS_FILE: metricsFile });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    try {
      await client.connect(transport);
      await client.listTools();
      await client.callTool('echo', { text: 'hi' });
      await client.callTool('fail');
    } finally {
      await client.close();
    }
    await waitFor(() => fs.existsSync(metricsFile), 10_000, 'the child to write its metrics');
    expect(stderr).toBe('');

    const all = await metrics.collect();
    expect(series(all.get('mcp.client.operation.duration'))).toEqual(
      [
        s({ ...PIPE, 'mcp.method.name': 'initialize' }, 1),
        s({ ...PIPE, 'mcp.method.name': 'notifications/initialized' }, 1),
        s({ ...PIPE, 'mcp.method.name': 'tools/list' }, 1),
        s(tool('echo'), 1),
        s(tool('fail', { 'error.type': 'tool_error' }), 1),
      ].sort(),
    );
    expect(series(all.get('mcp.client.session.duration'))).toEqual([s(PIPE, 1)]);
    const stdio = { 'mcp_otel.transport.type': 'stdio', 'network.transport': 'pipe' };
    expect(series(all.get('mcp_otel.transport.connect.duration'))).toEqual([s(stdio, 1)]);
    expect(series(all.get('mcp_otel.transport.active_connections'))).toEqual([s(stdio, 0)]);
    const child = childMetrics(metricsFile);
    expect(total(child.get('mcp.server.operation.duration'), { 'gen_ai.tool.name': 'echo' })).toBe(1);
    expect(series(child.get('mcp.server.session.duration'))).toEqual([s(PIPE, 1)]);
    expect(total(child.get('mcp_otel.transport.active_connections'))).toBe(0);
    await metrics.shutdown();
  });

  it('ends the child\'s session with connection_closed when the client closes stdin with a call in flight', async () => {
    const metricsFile = path.join(dir, 'metrics.json');
    const client = sdk.createClient();
    const transport = sdk.stdioClient(FIXTURE, { ...process.env, METRICS_FILE: metricsFile });
    await client.connect(transport);
    await client.listTools();
    const call = client.callTool('block').catch((error: Error) => error);
    // The call has reached the child once a later request has been answered (stdio keeps order).
    await client.listTools();
    await client.close();
    await call;
    await waitFor(() => fs.existsSync(metricsFile), 10_000, 'the child to flush its metrics');
    const child = childMetrics(metricsFile);
    expect(series(child.get('mcp.server.session.duration'))).toEqual([s({ ...PIPE, 'error.type': 'connection_closed' }, 1)]);
    expect(series(child.get('mcp.server.operation.duration'))).toContain(s(tool('block', { 'error.type': 'connection_closed' }), 1));
    expect(total(child.get('mcp_otel.transport.active_requests'))).toBe(0);
  });

  it('records connection_closed when the server process dies mid-request', async () => {
    const metrics = new TestMetrics();
    const client = sdk.createClient();
    instrumentMcpClient(client.raw, { meterProvider: metrics.provider });
    const transport = sdk.stdioClient(FIXTURE, { ...process.env, METRICS_FILE: path.join(dir, 'm.json') });
    try {
      await client.connect(transport);
      await client.listTools();
      const call = client.callTool('block');
      await waitFor(async () => total((await metrics.collect()).get('mcp_otel.transport.active_requests')) === 1, 5000, 'the call to be in flight');
      process.kill(transport.pid!, 'SIGKILL');
      await expect(call).rejects.toThrow(/Connection closed/i);
    } finally {
      await client.close();
    }
    const all = await metrics.collect();
    expect(series(all.get('mcp.client.session.duration'))).toEqual([s({ ...PIPE, 'error.type': 'connection_closed' }, 1)]);
    expect(series(all.get('mcp.client.operation.duration'))).toContain(s(tool('block', { 'error.type': 'connection_closed' }), 1));
    await metrics.shutdown();
  });
});
