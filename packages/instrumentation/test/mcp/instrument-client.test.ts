import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { EmptyResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { instrumentMcpClient, instrumentMcpServer, MCP_DURATION_BUCKETS, MCP_METER_NAME } from '@mcp-otel/instrumentation';
import { connectInMemory, createTestClient, PROTOCOL, s } from '../helpers/connect-pair.js';
import { series, TestMetrics, waitFor } from '../helpers/test-metrics.js';
import type { HistogramValue } from '../helpers/test-metrics.js';
import { createTestServer } from '../helpers/test-server.js';
import type { Blocked } from '../helpers/test-server.js';

const OP = 'mcp.client.operation.duration';
const base = { 'mcp.protocol.version': PROTOCOL };
const tool = (name: string, extra: Record<string, unknown> = {}) => ({ ...base, 'mcp.method.name': 'tools/call', 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name, ...extra });
const method = (name: string, extra: Record<string, unknown> = {}) => ({ ...base, 'mcp.method.name': name, ...extra });
const HANDSHAKE = [s(method('initialize'), 1), s(method('notifications/initialized'), 1)];

describe('instrumentMcpClient', () => {
  let metrics: TestMetrics;
  let server: McpServer;
  let client: Client;
  let blocked: Blocked[];

  beforeEach(async () => {
    metrics = new TestMetrics();
    ({ server, blocked } = createTestServer());
    client = createTestClient();
    instrumentMcpClient(client, { meterProvider: metrics.provider });
    await connectInMemory(server, client);
  });

  afterEach(async () => {
    for (const b of blocked) b.release();
    await client.close();
    await server.close();
    await metrics.shutdown();
  });

  it('records what the client sends as mcp.client.operation.duration, in seconds, with the MCP buckets', async () => {
    await client.listTools();
    await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    const all = await metrics.collect();
    const metric = all.get(OP);
    expect(metric).toMatchObject({ scope: MCP_METER_NAME, unit: 's' });
    expect(series(metric)).toEqual([...HANDSHAKE, s(method('tools/list'), 1), s(tool('echo'), 1)].sort());
    for (const p of metric!.points) expect((p.value as HistogramValue).buckets.boundaries).toEqual(MCP_DURATION_BUCKETS);
    // Only the client was instrumented: no server metrics.
    expect(all.get('mcp.server.operation.duration')).toBeUndefined();
  });

  it('knows only the tool names of the latest tools/list result', async () => {
    await client.callTool({ name: 'echo', arguments: { text: 'before listing' } });
    await client.listTools();
    await client.callTool({ name: 'echo', arguments: { text: 'after listing' } });
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [...HANDSHAKE, s(method('tools/list'), 1), s(tool('_OTHER'), 1), s(tool('echo'), 1)].sort(),
    );
  });

  it('classifies tool_error results and every JSON-RPC error code as errors (the caller side)', async () => {
    await client.listTools();
    await client.listPrompts();
    await client.callTool({ name: 'fail', arguments: {} });
    await client.callTool({ name: 'soft_fail', arguments: {} });
    await client.callTool({ name: 'nope', arguments: {} });
    await client.callTool({ name: 'echo', arguments: { text: 5 } });
    await expect(client.readResource({ uri: 'mem://missing' })).rejects.toThrow();
    await client.getPrompt({ name: 'greet', arguments: { name: 'x' } });
    await expect(client.request({ method: 'custom/thing', params: {} }, EmptyResultSchema)).rejects.toThrow();
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [
        ...HANDSHAKE,
        s(method('tools/list'), 1),
        s(method('prompts/list'), 1),
        s(tool('fail', { 'error.type': 'tool_error' }), 1),
        s(tool('soft_fail', { 'error.type': 'tool_error' }), 1),
        s(tool('_OTHER', { 'error.type': 'tool_error' }), 1),
        s(tool('echo', { 'error.type': 'tool_error' }), 1),
        s(method('resources/read', { 'error.type': '-32602', 'rpc.response.status_code': '-32602' }), 1),
        s(method('prompts/get', { 'gen_ai.prompt.name': 'greet' }), 1),
        s(method('_OTHER', { 'error.type': '-32601', 'rpc.response.status_code': '-32601' }), 1),
      ].sort(),
    );
  });

  it('records a cancelled request as error.type=cancelled and a timed-out one as error.type=timeout', async () => {
    await client.listTools();
    const controller = new AbortController();
    const call = client.callTool({ name: 'block', arguments: {} }, undefined, { signal: controller.signal });
    await waitFor(() => blocked.length === 1, 5000, 'the tool to start');
    controller.abort('user gave up');
    await expect(call).rejects.toThrow();
    await expect(client.callTool({ name: 'block', arguments: {} }, undefined, { timeout: 30 })).rejects.toThrow(/timed out/);
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [
        ...HANDSHAKE,
        s(method('tools/list'), 1),
        s(tool('block', { 'error.type': 'cancelled' }), 1),
        s(tool('block', { 'error.type': 'timeout' }), 1),
        s(method('notifications/cancelled'), 2),
      ].sort(),
    );
  });

  it('records the server-to-client requests it answers and the notifications it receives', async () => {
    await client.listTools();
    await client.callTool({ name: 'ask_client', arguments: {} });
    await server.server.sendLoggingMessage({ level: 'info', data: 'x' });
    await client.ping();
    await waitFor(async () => series((await metrics.collect()).get(OP)).some((l) => l.includes('notifications/message')), 5000, 'the notification');
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [
        ...HANDSHAKE,
        s(method('tools/list'), 1),
        s(tool('ask_client'), 1),
        s(method('sampling/createMessage'), 1),
        s(method('elicitation/create'), 1),
        s(method('roots/list'), 1),
        s(method('notifications/message'), 1),
        s(method('ping'), 1),
      ].sort(),
    );
  });

  it('instruments a client that is already connected, from then on', async () => {
    const late = new TestMetrics();
    const { server: s2 } = createTestServer();
    const c2 = createTestClient();
    await connectInMemory(s2, c2);
    instrumentMcpClient(c2, { meterProvider: late.provider });
    instrumentMcpServer(s2, { meterProvider: late.provider });
    await c2.ping();
    await c2.close();
    await s2.close();
    const all = await late.collect();
    expect(series(all.get(OP))).toEqual([s({ 'mcp.method.name': 'ping' }, 1)]);
    expect(series(all.get('mcp.server.operation.duration'))).toEqual([s({ 'mcp.method.name': 'ping' }, 1)]);
    expect(series(all.get('mcp.client.session.duration'))).toEqual([s({}, 1)]);
    await late.shutdown();
  });
});
