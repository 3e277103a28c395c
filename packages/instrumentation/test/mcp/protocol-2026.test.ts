import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, InMemoryTransport } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { instrumentMcpServer } from '@mcp-otel/instrumentation';
import { s } from '../helpers/connect-pair.js';
import { listen, stop } from '../helpers/http-listen.js';
import { asTransport, modernClient, modernServerFactory, STATELESS } from '../helpers/sdk/modern-v2.js';
import { SDK_V1 } from '../helpers/sdk/sdk-v1.js';
import { flatten, series, TestMetrics, total, waitFor } from '../helpers/test-metrics.js';
import type { CollectedMetric } from '../helpers/test-metrics.js';

/**
 * Protocol revision 2026-07-28 between real 2.x peers: no initialize and no session, a
 * `server/discover` probe, the protocol version on every request (`_meta`), multi-round-trip tool
 * calls (`input_required`), resource not found as -32602, and no `ping`. Over the SDK's in-memory
 * transport behind `serveStdio` (its stdio entry, which takes any wire transport) and over HTTP
 * behind `createMcpHandler` (one server instance per request).
 */
const V = { 'mcp.protocol.version': STATELESS };
const tool = (name: string, extra: Record<string, unknown> = {}) => ({ ...V, 'mcp.method.name': 'tools/call', 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name, ...extra });
const method = (name: string, extra: Record<string, unknown> = {}) => ({ ...V, 'mcp.method.name': name, ...extra });
const INTERIM = { 'mcp_otel.result.type': 'input_required' };

/** The exchange every scenario runs, and what it leaves in the client's hands. */
async function exchange(client: ReturnType<typeof modernClient>): Promise<void> {
  await client.listTools();
  await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
  // Two round trips inside one call: input_required, then the retry carrying the answer.
  expect(await client.callTool({ name: 'ask', arguments: {} })).toMatchObject({ content: [{ type: 'text', text: 'hello SECRET-ANSWER' }] });
  await expect(client.readResource({ uri: 'mem://missing' })).rejects.toThrow(/not found/i);
  // ping was removed in 2026-07-28: the client refuses to send it, so nothing goes on the wire.
  await expect(client.ping()).rejects.toThrow(/not supported/);
}

function expectStatelessOperations(all: Map<string, CollectedMetric>, network: Record<string, unknown>): void {
  const server = (a: Record<string, unknown>) => ({ ...a, ...network });
  expect(series(all.get('mcp.server.operation.duration'))).toEqual(
    [
      s(server(method('server/discover')), 1),
      s(server(method('tools/list')), 1),
      s(server(tool('echo')), 1),
      s(server(tool('ask', INTERIM)), 1),
      s(server(tool('ask')), 1),
      // -32602 is how 2026-07-28 says "resource not found": the caller's error, not the server's.
      s(server(method('resources/read', { 'rpc.response.status_code': '-32602' })), 1),
    ].sort(),
  );
  // gen_ai.execute_tool.duration (opted in): one per tool execution that ran to its end.
  expect(series(all.get('gen_ai.execute_tool.duration'))).toEqual([s({ 'gen_ai.tool.name': 'ask' }, 1), s({ 'gen_ai.tool.name': 'echo' }, 1)]);
  // No initialize, no session: neither side records a session duration.
  expect(all.get('mcp.server.session.duration')).toBeUndefined();
  expect(all.get('mcp.client.session.duration')).toBeUndefined();
  expect(total(all.get('mcp_otel.transport.active_requests'))).toBe(0);
  expect(total(all.get('mcp_otel.transport.active_connections'))).toBe(0);
  // The elicited answer (an argument of the retried call) is never recorded.
  expect(JSON.stringify([...all.values()])).not.toMatch(/SECRET/);
}

describe('protocol 2026-07-28 between 2.x peers', () => {
  let metrics: TestMetrics;
  beforeEach(() => {
    metrics = new TestMetrics();
  });
  afterEach(async () => {
    await metrics.shutdown();
  });

  it('in memory (serveStdio): per-request version, server/discover, input_required rounds, -32602, no session', async () => {
    const { factory } = modernServerFactory({ meterProvider: metrics.provider, recordExecuteToolDuration: true });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const served = serveStdio(factory, { transport: serverSide });
    const client = modernClient({ meterProvider: metrics.provider });
    await client.connect(asTransport(clientSide));
    expect(client.getNegotiatedProtocolVersion()).toBe(STATELESS);
    await exchange(client);
    await client.close();
    await served.close();

    const all = await metrics.collect();
    expectStatelessOperations(all, {});
    const clientOps = series(all.get('mcp.client.operation.duration'));
    expect(clientOps).toEqual(
      [
        s(method('server/discover'), 1),
        s(method('tools/list'), 1),
        s(tool('echo'), 1),
        s(tool('ask', INTERIM), 1),
        s(tool('ask'), 1),
        s(method('resources/read', { 'error.type': '-32602', 'rpc.response.status_code': '-32602' }), 1),
      ].sort(),
    );
  });

  it('over Streamable HTTP (createMcpHandler): one server per request, no session, the HTTP attributes', async () => {
    const { factory, built } = modernServerFactory({ meterProvider: metrics.provider, recordExecuteToolDuration: true });
    const handler = createMcpHandler(factory, { legacy: 'reject' });
    const node = toNodeHandler(handler);
    const { server: httpServer, url, port } = await listen((req, res) => node(req, res));
    const client = modernClient({ meterProvider: metrics.provider });
    try {
      await client.connect(asTransport(new StreamableHTTPClientTransport(url)));
      await exchange(client);
      await client.close();
    } finally {
      await handler.close();
      await stop(httpServer);
    }
    // server/discover, tools/list, echo, ask twice, resources/read: six requests, six instances.
    expect(built()).toBe(6);
    const all = await metrics.collect();
    const network = { 'network.transport': 'tcp', 'network.protocol.name': 'http' };
    expectStatelessOperations(all, network);
    const remote = { ...network, 'server.address': '127.0.0.1', 'server.port': port };
    expect(series(all.get('mcp.client.operation.duration'))).toEqual(
      [
        s({ ...method('server/discover'), ...remote }, 1),
        s({ ...method('tools/list'), ...remote }, 1),
        s({ ...tool('echo'), ...remote }, 1),
        s({ ...tool('ask', INTERIM), ...remote }, 1),
        s({ ...tool('ask'), ...remote }, 1),
        s({ ...method('resources/read', { 'error.type': '-32602', 'rpc.response.status_code': '-32602' }), ...remote }, 1),
      ].sort(),
    );
  });

  it('over stdio (a serveStdio child driven by a pinned 2.x client): no session, and the child flushes when stdin ends', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-otel-stdio-2026-'));
    const metricsFile = path.join(dir, 'metrics.json');
    const fixture = path.join(__dirname, '..', 'fixtures', 'stdio-server.js');
    // The 2.x client probes the base StdioClientTransport's server on a short-lived sibling process
    // (which would flush to the same file); a subclass is probed in place, on this one child.
    class InPlaceProbeStdio extends StdioClientTransport {}
    try {
      const client = modernClient({ meterProvider: metrics.provider });
      await client.connect(asTransport(new InPlaceProbeStdio({ command: process.execPath, args: [fixture, 'serve'], env: { ...process.env, METRICS_FILE: metricsFile }, stderr: 'pipe' })));
      expect(client.getNegotiatedProtocolVersion()).toBe(STATELESS);
      await client.listTools();
      await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
      await client.close();
      await waitFor(() => fs.existsSync(metricsFile), 10_000, 'the child to flush its metrics');
      const child = flatten(JSON.parse(fs.readFileSync(metricsFile, 'utf8')) as Parameters<typeof flatten>[0]);
      const pipe = { 'network.transport': 'pipe' };
      expect(series(child.get('mcp.server.operation.duration'))).toEqual(
        [s({ ...method('server/discover'), ...pipe }, 1), s({ ...method('tools/list'), ...pipe }, 1), s({ ...tool('echo'), ...pipe }, 1)].sort(),
      );
      expect(child.get('mcp.server.session.duration')).toBeUndefined();
      expect(total(child.get('mcp_otel.transport.active_connections'))).toBe(0);
      const all = await metrics.collect();
      expect(all.get('mcp.client.session.duration')).toBeUndefined();
      expect(total(all.get('mcp.client.operation.duration'), { 'mcp.protocol.version': STATELESS })).toBe(3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects an Mcp-Method header that contradicts the body before any server exists (createMcpHandler): nothing to measure', async () => {
    const { factory, built } = modernServerFactory({ meterProvider: metrics.provider });
    const handler = createMcpHandler(factory, { legacy: 'reject' });
    const node = toNodeHandler(handler);
    const { server: httpServer, url } = await listen((req, res) => node(req, res));
    try {
      // Built by hand: the SDK client always sends headers that match the body.
      const meta = { 'io.modelcontextprotocol/protocolVersion': STATELESS, 'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} };
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': STATELESS, 'mcp-method': 'tools/list' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'x' }, _meta: meta } }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ id: 1, error: { code: -32020 } });
    } finally {
      await handler.close();
      await stop(httpServer);
    }
    expect(built()).toBe(0);
    expect((await metrics.collect()).get('mcp.server.operation.duration')).toBeUndefined();
  });
});

describe('protocol generations side by side', () => {
  it('a 2.x client probing a 1.x server: server/discover is a method-not-found for the server (no error), then the 2025 session', async () => {
    const metrics = new TestMetrics();
    const server = SDK_V1.createServer();
    instrumentMcpServer(server.raw, { meterProvider: metrics.provider });
    const [clientSide, serverSide] = SDK_V1.linkedPair();
    await server.connect(serverSide);
    const client = modernClient({ meterProvider: metrics.provider }, 'auto');
    await client.connect(asTransport(clientSide));
    expect(client.getNegotiatedProtocolVersion()).toBe('2025-11-25');
    await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    await client.close();
    await server.close();
    const all = await metrics.collect();
    const legacy = { 'mcp.protocol.version': '2025-11-25' };
    expect(series(all.get('mcp.server.operation.duration'))).toEqual(
      [
        // The probe claims 2026-07-28 in its _meta; the 1.x server answers -32601, a caller error.
        s(method('server/discover', { 'rpc.response.status_code': '-32601' }), 1),
        s({ ...legacy, 'mcp.method.name': 'initialize' }, 1),
        s({ ...legacy, 'mcp.method.name': 'notifications/initialized' }, 1),
        s({ ...legacy, 'mcp.method.name': 'tools/call', 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'echo' }, 1),
      ].sort(),
    );
    expect(series(all.get('mcp.client.operation.duration'))).toContain(s(method('server/discover', { 'error.type': '-32601', 'rpc.response.status_code': '-32601' }), 1));
    // The fallback is a 2025 session, recorded on both sides.
    expect(series(all.get('mcp.server.session.duration'))).toEqual([s(legacy, 1)]);
    expect(series(all.get('mcp.client.session.duration'))).toEqual([s(legacy, 1)]);
    await metrics.shutdown();
  });
});
