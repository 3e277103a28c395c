import { instrumentMcpClient, instrumentMcpServer, MCP_DURATION_BUCKETS } from '@mcp-otel/instrumentation';
import { connectInMemory, PROTOCOL, s } from '../helpers/connect-pair.js';
import type { McpSdk } from '../helpers/sdk/mcp-sdk.js';
import { SDKS } from '../helpers/sdk/sdks.js';
import { series, TestMetrics, waitFor } from '../helpers/test-metrics.js';
import type { HistogramValue } from '../helpers/test-metrics.js';

const SERVER = 'mcp.server.session.duration';
const CLIENT = 'mcp.client.session.duration';
const base = { 'mcp.protocol.version': PROTOCOL };

async function instrumentedPair(sdk: McpSdk, metrics: TestMetrics) {
  const server = sdk.createServer();
  const client = sdk.createClient();
  instrumentMcpServer(server.raw, { meterProvider: metrics.provider });
  instrumentMcpClient(client.raw, { meterProvider: metrics.provider });
  await connectInMemory(sdk, server, client);
  return { server, client, blocked: server.blocked };
}

describe.each(SDKS)('McpSession (session duration) (%s)', (_name, sdk) => {
  let metrics: TestMetrics;
  beforeEach(() => {
    metrics = new TestMetrics();
  });
  afterEach(async () => {
    await metrics.shutdown();
  });

  it('records nothing while the session is open', async () => {
    const { server, client } = await instrumentedPair(sdk, metrics);
    const all = await metrics.collect();
    expect(all.get(SERVER)).toBeUndefined();
    expect(all.get(CLIENT)).toBeUndefined();
    await client.close();
    await server.close();
  });

  it('records one clean session on each side when the client closes', async () => {
    const { server, client } = await instrumentedPair(sdk, metrics);
    await client.ping();
    await client.close();
    const all = await metrics.collect();
    expect(series(all.get(SERVER))).toEqual([s(base, 1)]);
    expect(series(all.get(CLIENT))).toEqual([s(base, 1)]);
    expect(all.get(SERVER)?.unit).toBe('s');
    expect((all.get(CLIENT)?.points[0]?.value as HistogramValue).buckets.boundaries).toEqual(MCP_DURATION_BUCKETS);
    await server.close();
    // Closing the server again records nothing more.
    expect(series((await metrics.collect()).get(SERVER))).toEqual([s(base, 1)]);
  });

  it('records one clean session on each side when the server closes', async () => {
    const { server, client } = await instrumentedPair(sdk, metrics);
    await server.close();
    const all = await metrics.collect();
    expect(series(all.get(SERVER))).toEqual([s(base, 1)]);
    expect(series(all.get(CLIENT))).toEqual([s(base, 1)]);
    await client.close();
  });

  it('marks the side that lost its peer mid-request with error.type=connection_closed', async () => {
    const { server, client, blocked } = await instrumentedPair(sdk, metrics);
    const call = client.callTool('block');
    await waitFor(() => blocked.length === 1, 5000, 'the tool to start');
    await server.close();
    await expect(call).rejects.toThrow(/Connection closed/);
    blocked[0]!.release();
    const all = await metrics.collect();
    // The server closed on purpose; the client saw its peer vanish with a request in flight.
    expect(series(all.get(SERVER))).toEqual([s(base, 1)]);
    expect(series(all.get(CLIENT))).toEqual([s({ ...base, 'error.type': 'connection_closed' }, 1)]);
    const tool = { ...base, 'mcp.method.name': 'tools/call', 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': '_OTHER', 'error.type': 'connection_closed' };
    expect(series(all.get('mcp.client.operation.duration'))).toContain(s(tool, 1));
    expect(series(all.get('mcp.server.operation.duration'))).toContain(s({ ...tool, 'gen_ai.tool.name': 'block' }, 1));
    await client.close();
  });

  it('records a client session whose initialize timed out, with the way the SDK ends it as error.type', async () => {
    const client = sdk.createClient();
    instrumentMcpClient(client.raw, { meterProvider: metrics.provider });
    const [clientTransport, silentPeer] = sdk.linkedPair();
    silentPeer.onmessage = () => {};
    await silentPeer.start();
    await expect(client.connect(clientTransport, { timeout: 30 })).rejects.toThrow(/timed out/i);
    await waitFor(async () => (await metrics.collect()).has(CLIENT), 5000, 'the session to end');
    const all = await metrics.collect();
    const ending = sdk.behaviour.initializeTimeout;
    expect(series(all.get(CLIENT))).toEqual([s({ 'error.type': ending }, 1)]);
    const cancelled = ending === 'timeout' ? [s({ 'mcp.method.name': 'notifications/cancelled' }, 1)] : [];
    expect(series(all.get('mcp.client.operation.duration'))).toEqual([s({ 'mcp.method.name': 'initialize', 'error.type': ending }, 1), ...cancelled].sort());
    await silentPeer.close();
  });

  it('counts a reconnected server as a new session', async () => {
    const { server, client } = await instrumentedPair(sdk, metrics);
    await client.close();
    const c2 = sdk.createClient();
    await connectInMemory(sdk, server, c2);
    await c2.close();
    await server.close();
    expect(series((await metrics.collect()).get(SERVER))).toEqual([s(base, 2)]);
  });
});
