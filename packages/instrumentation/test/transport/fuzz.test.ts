import { diag, DiagLogLevel } from '@opentelemetry/api';
import { instrumentMcpClient, instrumentMcpServer } from '@mcp-otel/instrumentation';
import { connectRawPeer, PROTOCOL } from '../helpers/connect-pair.js';
import type { McpSdk } from '../helpers/sdk/mcp-sdk.js';
import { SDKS } from '../helpers/sdk/sdks.js';
import { TestMetrics, total, waitFor } from '../helpers/test-metrics.js';

/** Seeded PRNG (mulberry32) so every run sends the same messages. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['jsonrpc', 'id', 'method', 'params', 'result', 'error', 'code', 'name', 'uri', 'cursor', 'requestId', 'reason', 'isError', 'tools', 'protocolVersion', '__proto__', 'constructor'];
const LEAVES: unknown[] = ['2.0', '1.0', 'tools/call', 'tools/list', 'ping', 'notifications/cancelled', 'resources/read', 'echo', '__proto__', 'hasOwnProperty', '', 'x'.repeat(5000), 0, 1, -1, 1.5, -32602, Number.MAX_SAFE_INTEGER, NaN, null, true, false, [], {}];

function randomValue(random: () => number, depth: number): unknown {
  const r = random();
  if (depth > 3 || r < 0.45) return LEAVES[Math.floor(random() * LEAVES.length)];
  if (r < 0.6) return Array.from({ length: Math.floor(random() * 3) }, () => randomValue(random, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 5); i > 0; i--) o[KEYS[Math.floor(random() * KEYS.length)]!] = randomValue(random, depth + 1);
  return o;
}

/** Hand-picked malformed messages, then seeded random ones. Every one is plain JSON data. */
function fuzzMessages(): unknown[] {
  const fixed: unknown[] = [
    null,
    42,
    'not json-rpc',
    [],
    [{ jsonrpc: '2.0', id: 'batched', method: 'ping' }],
    {},
    { jsonrpc: '1.0', id: 1, method: 'ping' },
    { jsonrpc: '2.0' },
    { jsonrpc: '2.0', id: null, method: 'ping' },
    { jsonrpc: '2.0', id: {}, method: 'ping' },
    { jsonrpc: '2.0', id: 1.5, method: 'ping' },
    { jsonrpc: '2.0', method: 5 },
    { jsonrpc: '2.0', id: 99, result: {} },
    { jsonrpc: '2.0', id: 'x', error: {} },
    { jsonrpc: '2.0', id: 'x', error: { code: 'bad' } },
    { jsonrpc: '2.0', id: 7, method: 'tools/call', params: null },
    { jsonrpc: '2.0', id: 8, method: 'tools/call', params: [] },
    { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: '__proto__', arguments: {} } },
    { jsonrpc: '2.0', id: 10, method: 'tools/call', params: { name: 'constructor', arguments: {} } },
    { jsonrpc: '2.0', id: 11, method: 'tools/call', params: { name: { nested: true } } },
    { jsonrpc: '2.0', id: 12, method: 'resources/read', params: { uri: 'not a uri' } },
    { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: {} } },
    { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 12345 } },
    { jsonrpc: '2.0', id: 13, method: 'initialize', params: { protocolVersion: 'x'.repeat(10_000), capabilities: {}, clientInfo: { name: 'a', version: '1' } } },
    { jsonrpc: '2.0', id: 14, method: 'x'.repeat(10_000) },
    { jsonrpc: '2.0', id: 15, method: 'tools/list', params: { cursor: 5 } },
    { jsonrpc: '2.0', id: 16, method: 'ping' },
    { jsonrpc: '2.0', id: 16, method: 'ping' },
  ];
  const random = prng(20261124);
  for (let i = 0; i < 300; i++) fixed.push(randomValue(random, 0));
  return fixed;
}

type Step = { received: string[]; errors: string[] };

/**
 * Sends every fuzz message to a server from a raw peer, each followed by a valid ping, and records
 * what the peer got back and what the server reported through onerror.
 */
async function transcript(sdk: McpSdk, instrument: boolean, metrics: TestMetrics): Promise<Step[]> {
  // Only the instrumented run uses `metrics`; the bare run is the reference behaviour.
  const server = sdk.createServer();
  if (instrument) instrumentMcpServer(server.raw, { meterProvider: metrics.provider, recordResourceUri: true });
  const errors: string[] = [];
  server.onerror((e) => errors.push(e.message));
  const { peer, received } = await connectRawPeer(sdk, server);
  const steps: Step[] = [];
  let n = 0;
  for (const message of fuzzMessages()) {
    received.length = 0;
    errors.length = 0;
    await peer.send(message);
    const pingId = `ping-${n++}`;
    await peer.send({ jsonrpc: '2.0', id: pingId, method: 'ping' });
    await waitFor(() => received.some((m) => m['id'] === pingId && 'result' in m), 5000, `the answer to ${pingId}`);
    steps.push({ received: received.map((m) => JSON.stringify(m)).sort(), errors: [...errors].sort() });
  }
  await peer.close();
  await server.close();
  return steps;
}

describe.each(SDKS)('fuzzing an instrumented transport (%s)', (_name, sdk) => {
  it('leaves the server answering exactly as without instrumentation, and the instrumentation quiet', async () => {
    const warnings: unknown[] = [];
    diag.setLogger({ error: (...a) => warnings.push(a), warn: (...a) => warnings.push(a), info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
    const metrics = new TestMetrics();
    try {
      const bare = await transcript(sdk, false, metrics);
      const instrumented = await transcript(sdk, true, metrics);
      expect(instrumented).toEqual(bare);
      expect(instrumented.length).toBeGreaterThan(300);
      // The instrumentation never failed on any of these messages.
      expect(warnings).toEqual([]);
      const all = await metrics.collect();
      expect(total(all.get('mcp_otel.transport.messages'), { 'mcp_otel.message.kind': 'invalid' })).toBeGreaterThan(100);
      expect(total(all.get('mcp_otel.transport.active_connections'))).toBe(0);
      expect(total(all.get('mcp_otel.transport.active_requests'))).toBe(0);
      let points = 0;
      for (const metric of all.values()) points += metric.points.length;
      expect(points).toBeLessThan(120);
    } finally {
      diag.disable();
      await metrics.shutdown();
    }
  }, 60_000);

  it('keeps an instrumented client working while the server sends it garbage', async () => {
    const metrics = new TestMetrics();
    const client = sdk.createClient();
    instrumentMcpClient(client.raw, { meterProvider: metrics.provider });
    const clientErrors: string[] = [];
    client.onerror((e) => clientErrors.push(e.message));
    const [clientTransport, peer] = sdk.linkedPair();
    peer.onmessage = (m) => {
      if (!('method' in m) || !('id' in m)) return;
      if (m['method'] === 'initialize') {
        void peer.send({ jsonrpc: '2.0', id: m['id'], result: { protocolVersion: PROTOCOL, capabilities: {}, serverInfo: { name: 'raw', version: '1' } } });
      } else {
        // Garbage first, then the real answer.
        for (const junk of fuzzMessages().slice(0, 40)) void peer.send(junk);
        void peer.send({ jsonrpc: '2.0', id: m['id'], result: {} });
      }
    };
    await peer.start();
    await client.connect(clientTransport);
    await expect(client.ping()).resolves.toEqual({});
    await expect(client.ping()).resolves.toEqual({});
    expect(clientErrors.length).toBeGreaterThan(0);
    await client.close();
    const all = await metrics.collect();
    // The 2 pings it sent, plus some of the garbage's own ping requests (id 16 twice per batch): a
    // reused id replaces the earlier request, and how the SDK answers the twins decides which of
    // them a response ends; at most both per batch.
    const pings = total(all.get('mcp.client.operation.duration'), { 'mcp.method.name': 'ping' });
    expect(pings).toBeGreaterThanOrEqual(3);
    expect(pings).toBeLessThanOrEqual(2 + 2 * 2);
    expect(total(all.get('mcp_otel.transport.active_requests'))).toBe(0);
    await metrics.shutdown();
  });
});
