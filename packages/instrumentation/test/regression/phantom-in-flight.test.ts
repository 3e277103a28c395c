import { instrumentMcpServer } from '@mcp-otel/instrumentation';
import { connectRawPeer } from '../helpers/connect-pair.js';
import type { LinkedTransport, McpSdk, Message, TestServer } from '../helpers/sdk/mcp-sdk.js';
import { SDKS } from '../helpers/sdk/sdks.js';
import { series, TestMetrics, total, waitFor } from '../helpers/test-metrics.js';

/**
 * Issue 10, finding 6: requests the MCP SDK rejects without replying (unsafe-integer ids, `1e308`,
 * `params: null`, a throwing `toJSON`) stayed counted in `mcp_otel.transport.active_requests` until
 * the connection closed: 5000 such pings read 5000 in flight.
 */
const UNANSWERABLE: ((i: number) => Message)[] = [
  (i) => ({ jsonrpc: '2.0', id: Number.MAX_SAFE_INTEGER + 2 + i * 2, method: 'ping' }),
  (i) => ({ jsonrpc: '2.0', id: 1e308 - i * 1e293, method: 'ping' }),
  (i) => ({ jsonrpc: '2.0', id: `null-params-${i}`, method: 'ping', params: null }),
  (i) => ({
    jsonrpc: '2.0',
    id: `to-json-${i}`,
    method: 'ping',
    toJSON() {
      throw new Error('no JSON for you');
    },
  }),
];

async function serverWithPeer(sdk: McpSdk, metrics: TestMetrics, options: { inFlightTimeoutMs?: number } = {}) {
  const server = sdk.createServer();
  instrumentMcpServer(server.raw, { meterProvider: metrics.provider, ...options });
  server.onerror(() => {});
  const { peer, received } = await connectRawPeer(sdk, server);
  return { server, peer, received };
}

/** Sends `message`; the SDK may throw it back (a `toJSON` that throws breaks its error report). */
async function sendAnyway(peer: LinkedTransport, message: Message): Promise<void> {
  try {
    await peer.send(message);
  } catch {
    // The exchange is the SDK's business; only what the instrumentation counts is checked.
  }
}

async function answered(peer: LinkedTransport, received: Message[], id: string): Promise<void> {
  await peer.send({ jsonrpc: '2.0', id, method: 'ping' });
  await waitFor(() => received.some((m) => m['id'] === id), 5000, `the answer to ${id}`);
}

async function close(server: TestServer, peer: LinkedTransport): Promise<void> {
  await peer.close();
  await server.close();
}

describe.each(SDKS)('regression: requests the SDK never answers are not in flight (%s)', (_name, sdk) => {
  let metrics: TestMetrics;
  beforeEach(() => {
    metrics = new TestMetrics();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await metrics.shutdown();
  });

  it('reads 0 requests in flight after 5000 pings the SDK drops (unsafe ids, 1e308, params: null, throwing toJSON)', async () => {
    const { server, peer, received } = await serverWithPeer(sdk, metrics);
    for (let i = 0; i < 5000; i++) await sendAnyway(peer, UNANSWERABLE[i % UNANSWERABLE.length]!(i));
    await answered(peer, received, 'alive');
    // The SDK answered none of them: only initialize and the last ping got a response.
    expect(received.map((m) => m['id']).sort()).toEqual(['alive', 'init']);
    const all = await metrics.collect();
    expect(total(all.get('mcp_otel.transport.active_requests'))).toBe(0);
    // Counted as what they are: invalid messages.
    expect(total(all.get('mcp_otel.transport.messages'), { 'mcp_otel.message.kind': 'invalid' })).toBe(5000);
    await close(server, peer);
  });

  it('expires a request in flight longer than inFlightTimeoutMs as error.type=timeout, at collection', async () => {
    let clock = 1_000;
    jest.spyOn(performance, 'now').mockImplementation(() => clock);
    const { server, peer, received } = await serverWithPeer(sdk, metrics, { inFlightTimeoutMs: 60_000 });
    await peer.send({ jsonrpc: '2.0', id: 'stuck', method: 'tools/call', params: { name: 'block', arguments: {} } });
    await waitFor(() => server.blocked.length === 1, 5000, 'the tool to start');
    const inFlight = { 'mcp_otel.transport.type': 'in_memory', 'network.io.direction': 'receive', 'mcp.method.name': 'tools/call' };
    clock += 59_999;
    expect(series((await metrics.collect()).get('mcp_otel.transport.active_requests'))).toContain(`${Object.entries(inFlight).map(([k, v]) => `${k}=${v}`).sort().join(',')} => 1`);
    clock += 2;
    const all = await metrics.collect();
    expect(total(all.get('mcp_otel.transport.active_requests'))).toBe(0);
    const op = all.get('mcp.server.operation.duration');
    expect(total(op, { 'gen_ai.tool.name': 'block', 'error.type': 'timeout' })).toBe(1);
    // A late answer to an expired request is only counted as a message.
    server.blocked[0]!.release();
    await waitFor(() => received.some((m) => m['id'] === 'stuck'), 5000, 'the late answer');
    expect(total((await metrics.collect()).get('mcp.server.operation.duration'), { 'gen_ai.tool.name': 'block' })).toBe(1);
    await close(server, peer);
  });

  it('keeps requests until the connection closes when inFlightTimeoutMs is 0', async () => {
    let clock = 1_000;
    jest.spyOn(performance, 'now').mockImplementation(() => clock);
    const { server, peer } = await serverWithPeer(sdk, metrics, { inFlightTimeoutMs: 0 });
    await peer.send({ jsonrpc: '2.0', id: 'stuck', method: 'tools/call', params: { name: 'block', arguments: {} } });
    await waitFor(() => server.blocked.length === 1, 5000, 'the tool to start');
    clock += 7 * 24 * 3_600_000;
    expect(total((await metrics.collect()).get('mcp_otel.transport.active_requests'))).toBe(1);
    server.blocked[0]!.release();
    await close(server, peer);
    expect(total((await metrics.collect()).get('mcp_otel.transport.active_requests'))).toBe(0);
  });
});
