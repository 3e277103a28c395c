import { instrumentMcpClient, instrumentMcpServer, MCP_DURATION_BUCKETS, MCP_METER_NAME } from '@mcp-otel/instrumentation';
import { connectInMemory, PROTOCOL, s } from '../helpers/connect-pair.js';
import type { McpSdk, TestClient, TestServer } from '../helpers/sdk/mcp-sdk.js';
import { SDKS } from '../helpers/sdk/sdks.js';
import { series, TestMetrics, waitFor } from '../helpers/test-metrics.js';
import type { HistogramValue } from '../helpers/test-metrics.js';

const OP = 'mcp.client.operation.duration';
const base = { 'mcp.protocol.version': PROTOCOL };
const tool = (name: string, extra: Record<string, unknown> = {}) => ({ ...base, 'mcp.method.name': 'tools/call', 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name, ...extra });
const method = (name: string, extra: Record<string, unknown> = {}) => ({ ...base, 'mcp.method.name': name, ...extra });
const HANDSHAKE = [s(method('initialize'), 1), s(method('notifications/initialized'), 1)];

/** The client side of a call to a tool the server does not have, per SDK line (see SdkBehaviour). */
function unknownToolOnClient(sdk: McpSdk): Record<string, unknown> {
  return sdk.behaviour.unknownTool === 'tool_error' ? { 'error.type': 'tool_error' } : { 'error.type': '-32602', 'rpc.response.status_code': '-32602' };
}

describe.each(SDKS)('instrumentMcpClient (%s)', (_name, sdk) => {
  let metrics: TestMetrics;
  let server: TestServer;
  let client: TestClient;

  beforeEach(async () => {
    metrics = new TestMetrics();
    server = sdk.createServer();
    client = sdk.createClient();
    instrumentMcpClient(client.raw, { meterProvider: metrics.provider });
    await connectInMemory(sdk, server, client);
  });

  afterEach(async () => {
    for (const b of server.blocked) b.release();
    await client.close();
    await server.close();
    await metrics.shutdown();
  });

  it('records what the client sends as mcp.client.operation.duration, in seconds, with the MCP buckets', async () => {
    await client.listTools();
    await client.callTool('echo', { text: 'hi' });
    const all = await metrics.collect();
    const metric = all.get(OP);
    expect(metric).toMatchObject({ scope: MCP_METER_NAME, unit: 's' });
    expect(series(metric)).toEqual([...HANDSHAKE, s(method('tools/list'), 1), s(tool('echo'), 1)].sort());
    for (const p of metric!.points) expect((p.value as HistogramValue).buckets.boundaries).toEqual(MCP_DURATION_BUCKETS);
    // Only the client was instrumented: no server metrics.
    expect(all.get('mcp.server.operation.duration')).toBeUndefined();
  });

  it('knows only the tool names of the latest tools/list result', async () => {
    await client.callTool('echo', { text: 'before listing' });
    await client.listTools();
    await client.callTool('echo', { text: 'after listing' });
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [...HANDSHAKE, s(method('tools/list'), 1), s(tool('_OTHER'), 1), s(tool('echo'), 1)].sort(),
    );
  });

  it('classifies tool_error results and every JSON-RPC error code as errors (the caller side)', async () => {
    await client.listTools();
    await client.listPrompts();
    await client.callTool('fail');
    await client.callTool('soft_fail');
    await client.callTool('nope').catch(() => undefined);
    await client.callTool('echo', { text: 5 });
    await expect(client.readResource('mem://missing')).rejects.toThrow();
    await client.getPrompt('greet', { name: 'x' });
    await expect(client.request('custom/thing')).rejects.toThrow();
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [
        ...HANDSHAKE,
        s(method('tools/list'), 1),
        s(method('prompts/list'), 1),
        s(tool('fail', { 'error.type': 'tool_error' }), 1),
        s(tool('soft_fail', { 'error.type': 'tool_error' }), 1),
        s(tool('_OTHER', unknownToolOnClient(sdk)), 1),
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
    const call = client.callTool('block', {}, { signal: controller.signal });
    await waitFor(() => server.blocked.length === 1, 5000, 'the tool to start');
    controller.abort('user gave up');
    await expect(call).rejects.toThrow();
    await expect(client.callTool('block', {}, { timeout: 30 })).rejects.toThrow(/timed out/i);
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
    await client.callTool('ask_client');
    await server.sendLoggingMessage('x');
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
    const s2 = sdk.createServer();
    const c2 = sdk.createClient();
    await connectInMemory(sdk, s2, c2);
    instrumentMcpClient(c2.raw, { meterProvider: late.provider });
    instrumentMcpServer(s2.raw, { meterProvider: late.provider });
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
