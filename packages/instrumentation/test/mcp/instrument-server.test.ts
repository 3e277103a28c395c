import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, EmptyResultSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { instrumentMcpClient, instrumentMcpServer, MCP_DURATION_BUCKETS, MCP_METER_NAME, VERSION } from '@mcp-otel/instrumentation';
import { connectInMemory, createTestClient, PROTOCOL, s } from '../helpers/connect-pair.js';
import { series, TestMetrics, waitFor } from '../helpers/test-metrics.js';
import type { HistogramValue } from '../helpers/test-metrics.js';
import { createTestServer } from '../helpers/test-server.js';
import type { Blocked } from '../helpers/test-server.js';

const OP = 'mcp.server.operation.duration';
const base = { 'mcp.protocol.version': PROTOCOL };
const tool = (name: string, extra: Record<string, unknown> = {}) => ({ ...base, 'mcp.method.name': 'tools/call', 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name, ...extra });
const method = (name: string, extra: Record<string, unknown> = {}) => ({ ...base, 'mcp.method.name': name, ...extra });
const HANDSHAKE = [s(method('initialize'), 1), s(method('notifications/initialized'), 1)];

describe('instrumentMcpServer', () => {
  let metrics: TestMetrics;
  let server: McpServer;
  let client: Client;
  let blocked: Blocked[];

  beforeEach(async () => {
    metrics = new TestMetrics();
    ({ server, blocked } = createTestServer());
    client = createTestClient();
    instrumentMcpServer(server, { meterProvider: metrics.provider });
    instrumentMcpClient(client, { meterProvider: metrics.provider });
    await connectInMemory(server, client);
  });

  afterEach(async () => {
    for (const b of blocked) b.release();
    await client.close();
    await server.close();
    await metrics.shutdown();
  });

  it('records the handshake and a tool call as mcp.server.operation.duration, in seconds, with the MCP buckets', async () => {
    await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    const metric = (await metrics.collect()).get(OP);
    expect(metric).toMatchObject({ scope: MCP_METER_NAME, scopeVersion: VERSION, unit: 's' });
    expect(series(metric)).toEqual([s(tool('echo'), 1), ...HANDSHAKE].sort());
    for (const p of metric!.points) {
      const v = p.value as HistogramValue;
      expect(v.buckets.boundaries).toEqual(MCP_DURATION_BUCKETS);
      expect(v.sum).toBeGreaterThanOrEqual(0);
    }
  });

  it('classifies tool failures as tool_error: a throwing handler, an isError result, an unknown tool, invalid arguments', async () => {
    await client.callTool({ name: 'fail', arguments: {} });
    await client.callTool({ name: 'soft_fail', arguments: {} });
    await client.callTool({ name: 'nope', arguments: {} });
    await client.callTool({ name: 'echo', arguments: { text: 5 } });
    await client.callTool({ name: 'echo', arguments: { text: 'ok' } });
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [
        ...HANDSHAKE,
        s(tool('fail', { 'error.type': 'tool_error' }), 1),
        s(tool('soft_fail', { 'error.type': 'tool_error' }), 1),
        s(tool('_OTHER', { 'error.type': 'tool_error' }), 1),
        s(tool('echo', { 'error.type': 'tool_error' }), 1),
        s(tool('echo'), 1),
      ].sort(),
    );
  });

  it('records a missing resource (-32602) with rpc.response.status_code but no error.type: the caller erred, not the server', async () => {
    await client.readResource({ uri: 'mem://greeting' });
    await expect(client.readResource({ uri: 'mem://missing' })).rejects.toThrow(/not found/);
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [...HANDSHAKE, s(method('resources/read'), 1), s(method('resources/read', { 'rpc.response.status_code': '-32602' }), 1)].sort(),
    );
  });

  it('records an internal error response (-32603) as an error', async () => {
    const low = new Server({ name: 'low', version: '1' }, { capabilities: { tools: {} } });
    low.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [{ name: 't', inputSchema: { type: 'object' as const } }] }));
    low.setRequestHandler(CallToolRequestSchema, () => {
      throw Object.assign(new Error('kaput'), { code: -32603 });
    });
    const lowMetrics = new TestMetrics();
    instrumentMcpServer(low, { meterProvider: lowMetrics.provider });
    const c = createTestClient();
    const [ct, st] = InMemoryTransport.createLinkedPair();
    await low.connect(st);
    await c.connect(ct);
    await c.listTools();
    await expect(c.callTool({ name: 't', arguments: {} })).rejects.toThrow(/kaput/);
    await c.close();
    await low.close();
    // The low-level Server has no registry: 't' is known because it was in the server's tools/list result.
    expect(series((await lowMetrics.collect()).get(OP))).toEqual(
      [...HANDSHAKE, s(method('tools/list'), 1), s(tool('t', { 'error.type': '-32603', 'rpc.response.status_code': '-32603' }), 1)].sort(),
    );
    await lowMetrics.shutdown();
  });

  it('records prompts/get with gen_ai.prompt.name, and completion/complete for a prompt', async () => {
    await client.getPrompt({ name: 'greet', arguments: { name: 'x' } });
    await expect(client.getPrompt({ name: 'unknown-prompt' })).rejects.toThrow();
    await client.complete({ ref: { type: 'ref/prompt', name: 'greet' }, argument: { name: 'name', value: 'a' } });
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [
        ...HANDSHAKE,
        s(method('prompts/get', { 'gen_ai.prompt.name': 'greet' }), 1),
        s(method('completion/complete', { 'gen_ai.prompt.name': 'greet' }), 1),
        s(method('prompts/get', { 'gen_ai.prompt.name': '_OTHER', 'rpc.response.status_code': '-32602' }), 1),
      ].sort(),
    );
  });

  it('records a request the client cancelled as error.type=cancelled, and the cancellation notification', async () => {
    const controller = new AbortController();
    const call = client.callTool({ name: 'block', arguments: {} }, undefined, { signal: controller.signal });
    await waitFor(() => blocked.length === 1, 5000, 'the tool to start');
    controller.abort('user gave up');
    await expect(call).rejects.toThrow();
    await waitFor(() => blocked[0]!.aborted(), 5000, 'the server to see the cancellation');
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [...HANDSHAKE, s(tool('block', { 'error.type': 'cancelled' }), 1), s(method('notifications/cancelled'), 1)].sort(),
    );
  });

  it('records a request the client timed out as cancelled on the server side', async () => {
    await expect(client.callTool({ name: 'block', arguments: {} }, undefined, { timeout: 30 })).rejects.toThrow(/timed out/);
    await waitFor(() => blocked.length === 1 && blocked[0]!.aborted(), 5000, 'the server to see the cancellation');
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [...HANDSHAKE, s(tool('block', { 'error.type': 'cancelled' }), 1), s(method('notifications/cancelled'), 1)].sort(),
    );
  });

  it('records the requests the server sends to the client: sampling, elicitation, roots', async () => {
    await client.callTool({ name: 'ask_client', arguments: {} });
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [
        ...HANDSHAKE,
        s(tool('ask_client'), 1),
        s(method('sampling/createMessage'), 1),
        s(method('elicitation/create'), 1),
        s(method('roots/list'), 1),
      ].sort(),
    );
  });

  it('records ping, logging/setLevel, a server notification, and maps a non-MCP method to _OTHER (-32601 is not a server error)', async () => {
    await client.ping();
    await client.setLoggingLevel('info');
    await server.server.sendLoggingMessage({ level: 'info', data: 'x' });
    await expect(client.request({ method: 'custom/thing', params: {} }, EmptyResultSchema)).rejects.toThrow(/Method not found/);
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [
        ...HANDSHAKE,
        s(method('ping'), 1),
        s(method('logging/setLevel'), 1),
        s(method('notifications/message'), 1),
        s(method('_OTHER', { 'rpc.response.status_code': '-32601' }), 1),
      ].sort(),
    );
  });

  it('records mcp.resource.uri only when opted in, bounded to registered URIs', async () => {
    const optIn = new TestMetrics();
    const { server: s2 } = createTestServer();
    const c2 = createTestClient();
    instrumentMcpServer(s2, { meterProvider: optIn.provider, recordResourceUri: true });
    await connectInMemory(s2, c2);
    await c2.readResource({ uri: 'mem://greeting' });
    await expect(c2.readResource({ uri: 'mem://secret-123' })).rejects.toThrow();
    await c2.close();
    await s2.close();
    expect(series((await optIn.collect()).get(OP))).toEqual(
      [
        ...HANDSHAKE,
        s(method('resources/read', { 'mcp.resource.uri': 'mem://greeting' }), 1),
        s(method('resources/read', { 'mcp.resource.uri': '_OTHER', 'rpc.response.status_code': '-32602' }), 1),
      ].sort(),
    );
    await optIn.shutdown();
  });

  it('never records tool arguments, results or prompt arguments', async () => {
    await client.callTool({ name: 'echo', arguments: { text: 'SECRET-ARG' } });
    await client.getPrompt({ name: 'greet', arguments: { name: 'SECRET-PROMPT-ARG' } });
    const dump = JSON.stringify([...(await metrics.collect()).values()]);
    expect(dump).not.toMatch(/SECRET/);
    expect(dump).not.toMatch(/hello/);
  });
});
