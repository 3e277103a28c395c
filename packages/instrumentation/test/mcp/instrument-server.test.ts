import { instrumentMcpClient, instrumentMcpServer, MCP_DURATION_BUCKETS, MCP_METER_NAME, VERSION } from '@mcp-otel/instrumentation';
import { connectInMemory, PROTOCOL, s } from '../helpers/connect-pair.js';
import type { McpSdk, TestClient, TestServer } from '../helpers/sdk/mcp-sdk.js';
import { SDKS } from '../helpers/sdk/sdks.js';
import { series, TestMetrics, waitFor } from '../helpers/test-metrics.js';
import type { HistogramValue } from '../helpers/test-metrics.js';

const OP = 'mcp.server.operation.duration';
const base = { 'mcp.protocol.version': PROTOCOL };
const tool = (name: string, extra: Record<string, unknown> = {}) => ({ ...base, 'mcp.method.name': 'tools/call', 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name, ...extra });
const method = (name: string, extra: Record<string, unknown> = {}) => ({ ...base, 'mcp.method.name': name, ...extra });
const HANDSHAKE = [s(method('initialize'), 1), s(method('notifications/initialized'), 1)];

/** The server side of a call to a tool the server does not have, per SDK line (see SdkBehaviour). */
function unknownToolOnServer(sdk: McpSdk): Record<string, unknown> {
  return sdk.behaviour.unknownTool === 'tool_error' ? { 'error.type': 'tool_error' } : { 'rpc.response.status_code': '-32602' };
}

describe.each(SDKS)('instrumentMcpServer (%s)', (_name, sdk) => {
  let metrics: TestMetrics;
  let server: TestServer;
  let client: TestClient;

  beforeEach(async () => {
    metrics = new TestMetrics();
    server = sdk.createServer();
    client = sdk.createClient();
    instrumentMcpServer(server.raw, { meterProvider: metrics.provider });
    instrumentMcpClient(client.raw, { meterProvider: metrics.provider });
    await connectInMemory(sdk, server, client);
  });

  afterEach(async () => {
    for (const b of server.blocked) b.release();
    await client.close();
    await server.close();
    await metrics.shutdown();
  });

  it('records the handshake and a tool call as mcp.server.operation.duration, in seconds, with the MCP buckets', async () => {
    await client.callTool('echo', { text: 'hi' });
    const metric = (await metrics.collect()).get(OP);
    expect(metric).toMatchObject({ scope: MCP_METER_NAME, scopeVersion: VERSION, unit: 's' });
    expect(series(metric)).toEqual([s(tool('echo'), 1), ...HANDSHAKE].sort());
    for (const p of metric!.points) {
      const v = p.value as HistogramValue;
      expect(v.buckets.boundaries).toEqual(MCP_DURATION_BUCKETS);
      expect(v.sum).toBeGreaterThanOrEqual(0);
    }
  });

  it('classifies tool failures: a throwing handler, an isError result, invalid arguments are tool_error; an unknown tool as the SDK answers it', async () => {
    await client.callTool('fail');
    await client.callTool('soft_fail');
    // 1.x answers an unknown tool with an isError result, 2.x with a JSON-RPC error -32602.
    await client.callTool('nope').catch(() => undefined);
    await client.callTool('echo', { text: 5 });
    await client.callTool('echo', { text: 'ok' });
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [
        ...HANDSHAKE,
        s(tool('fail', { 'error.type': 'tool_error' }), 1),
        s(tool('soft_fail', { 'error.type': 'tool_error' }), 1),
        s(tool('_OTHER', unknownToolOnServer(sdk)), 1),
        s(tool('echo', { 'error.type': 'tool_error' }), 1),
        s(tool('echo'), 1),
      ].sort(),
    );
  });

  it('records a missing resource (-32602) with rpc.response.status_code but no error.type: the caller erred, not the server', async () => {
    await client.readResource('mem://greeting');
    await expect(client.readResource('mem://missing')).rejects.toThrow(/not found/);
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [...HANDSHAKE, s(method('resources/read'), 1), s(method('resources/read', { 'rpc.response.status_code': '-32602' }), 1)].sort(),
    );
  });

  it('records an internal error response (-32603) as an error', async () => {
    const low = sdk.createFailingLowLevelServer();
    const lowMetrics = new TestMetrics();
    instrumentMcpServer(low.raw, { meterProvider: lowMetrics.provider });
    const c = sdk.createClient();
    await connectInMemory(sdk, low, c);
    await c.listTools();
    await expect(c.callTool('t')).rejects.toThrow(/kaput/);
    await c.close();
    await low.close();
    // The low-level Server has no registry: 't' is known because it was in the server's tools/list result.
    expect(series((await lowMetrics.collect()).get(OP))).toEqual(
      [...HANDSHAKE, s(method('tools/list'), 1), s(tool('t', { 'error.type': '-32603', 'rpc.response.status_code': '-32603' }), 1)].sort(),
    );
    await lowMetrics.shutdown();
  });

  it('records prompts/get with gen_ai.prompt.name, and completion/complete for a prompt', async () => {
    await client.getPrompt('greet', { name: 'x' });
    await expect(client.getPrompt('unknown-prompt')).rejects.toThrow();
    await client.completePrompt('greet', 'name', 'a');
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
    const call = client.callTool('block', {}, { signal: controller.signal });
    await waitFor(() => server.blocked.length === 1, 5000, 'the tool to start');
    controller.abort('user gave up');
    await expect(call).rejects.toThrow();
    await waitFor(() => server.blocked[0]!.aborted(), 5000, 'the server to see the cancellation');
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [...HANDSHAKE, s(tool('block', { 'error.type': 'cancelled' }), 1), s(method('notifications/cancelled'), 1)].sort(),
    );
  });

  it('records a request the client timed out as cancelled on the server side', async () => {
    await expect(client.callTool('block', {}, { timeout: 30 })).rejects.toThrow(/timed out/i);
    await waitFor(() => server.blocked.length === 1 && server.blocked[0]!.aborted(), 5000, 'the server to see the cancellation');
    expect(series((await metrics.collect()).get(OP))).toEqual(
      [...HANDSHAKE, s(tool('block', { 'error.type': 'cancelled' }), 1), s(method('notifications/cancelled'), 1)].sort(),
    );
  });

  it('records the requests the server sends to the client: sampling, elicitation, roots', async () => {
    await client.callTool('ask_client');
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
    await server.sendLoggingMessage('x');
    await expect(client.request('custom/thing')).rejects.toThrow(/Method not found/);
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
    const s2 = sdk.createServer();
    const c2 = sdk.createClient();
    instrumentMcpServer(s2.raw, { meterProvider: optIn.provider, recordResourceUri: true });
    await connectInMemory(sdk, s2, c2);
    await c2.readResource('mem://greeting');
    await expect(c2.readResource('mem://secret-123')).rejects.toThrow();
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
    await client.callTool('echo', { text: 'SECRET-ARG' });
    await client.getPrompt('greet', { name: 'SECRET-PROMPT-ARG' });
    const dump = JSON.stringify([...(await metrics.collect()).values()]);
    expect(dump).not.toMatch(/SECRET/);
    expect(dump).not.toMatch(/hello/);
  });
});
