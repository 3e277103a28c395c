import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { instrumentMcpClient, instrumentMcpServer, MCP_DURATION_BUCKETS } from '@mcp-otel/instrumentation';
import { connectInMemory, createTestClient, PROTOCOL, s } from '../helpers/connect-pair.js';
import { series, TestMetrics, waitFor } from '../helpers/test-metrics.js';
import type { HistogramValue } from '../helpers/test-metrics.js';
import { createTestServer } from '../helpers/test-server.js';

const SERVER = 'mcp.server.session.duration';
const CLIENT = 'mcp.client.session.duration';
const base = { 'mcp.protocol.version': PROTOCOL };

async function instrumentedPair(metrics: TestMetrics) {
  const { server, blocked } = createTestServer();
  const client = createTestClient();
  instrumentMcpServer(server, { meterProvider: metrics.provider });
  instrumentMcpClient(client, { meterProvider: metrics.provider });
  await connectInMemory(server, client);
  return { server, client, blocked };
}

describe('McpSession (session duration)', () => {
  let metrics: TestMetrics;
  beforeEach(() => {
    metrics = new TestMetrics();
  });
  afterEach(async () => {
    await metrics.shutdown();
  });

  it('records nothing while the session is open', async () => {
    const { server, client } = await instrumentedPair(metrics);
    const all = await metrics.collect();
    expect(all.get(SERVER)).toBeUndefined();
    expect(all.get(CLIENT)).toBeUndefined();
    await client.close();
    await server.close();
  });

  it('records one clean session on each side when the client closes', async () => {
    const { server, client } = await instrumentedPair(metrics);
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
    const { server, client } = await instrumentedPair(metrics);
    await server.close();
    const all = await metrics.collect();
    expect(series(all.get(SERVER))).toEqual([s(base, 1)]);
    expect(series(all.get(CLIENT))).toEqual([s(base, 1)]);
    await client.close();
  });

  it('marks the side that lost its peer mid-request with error.type=connection_closed', async () => {
    const { server, client, blocked } = await instrumentedPair(metrics);
    const call = client.callTool({ name: 'block', arguments: {} });
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

  it('records a client session whose initialize timed out with error.type=timeout', async () => {
    const client = instrumentMcpClient(new Client({ name: 'c', version: '1' }), { meterProvider: metrics.provider });
    const [clientTransport, silentPeer] = InMemoryTransport.createLinkedPair();
    silentPeer.onmessage = () => {};
    await silentPeer.start();
    await expect(client.connect(clientTransport, { timeout: 30 })).rejects.toThrow(/timed out/);
    await waitFor(async () => (await metrics.collect()).has(CLIENT), 5000, 'the session to end');
    const all = await metrics.collect();
    expect(series(all.get(CLIENT))).toEqual([s({ 'error.type': 'timeout' }, 1)]);
    expect(series(all.get('mcp.client.operation.duration'))).toEqual(
      [s({ 'mcp.method.name': 'initialize', 'error.type': 'timeout' }, 1), s({ 'mcp.method.name': 'notifications/cancelled' }, 1)].sort(),
    );
    await silentPeer.close();
  });

  it('counts a reconnected server as a new session', async () => {
    const { server, client } = await instrumentedPair(metrics);
    await client.close();
    const c2 = createTestClient();
    await connectInMemory(server, c2);
    await c2.close();
    await server.close();
    expect(series((await metrics.collect()).get(SERVER))).toEqual([s(base, 2)]);
  });
});
