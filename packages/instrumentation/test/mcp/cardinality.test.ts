import { instrumentMcpClient, instrumentMcpServer } from '@mcp-otel/instrumentation';
import { connectInMemory, PROTOCOL, s } from '../helpers/connect-pair.js';
import { SDKS } from '../helpers/sdk/sdks.js';
import { series, TestMetrics, waitFor } from '../helpers/test-metrics.js';

/** Deterministic pseudo-random names (mulberry32), so a failure reproduces. */
function names(seed: number, count: number, prefix: string): string[] {
  let a = seed;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out.push(`${prefix}${((t ^ (t >>> 14)) >>> 0).toString(36)}-${i}`);
  }
  return out;
}

describe.each(SDKS)('cardinality guard (%s)', (_name, sdk) => {
  it('turns 10,000 random tool names, prompt names, URIs and methods into a handful of series', async () => {
    const metrics = new TestMetrics();
    const server = sdk.createServer();
    const client = sdk.createClient();
    instrumentMcpServer(server.raw, { meterProvider: metrics.provider, recordResourceUri: true });
    instrumentMcpClient(client.raw, { meterProvider: metrics.provider, recordResourceUri: true });
    await connectInMemory(sdk, server, client);
    await client.listTools();

    // 1.x answers an unknown tool with an isError result, 2.x with a JSON-RPC error -32602.
    for (const name of names(1, 10_000, 'tool-')) await client.callTool(name).catch(() => undefined);
    for (const name of names(2, 300, 'prompt-')) await expect(client.getPrompt(name)).rejects.toThrow();
    for (const uri of names(3, 300, 'mem://x/')) await expect(client.readResource(uri)).rejects.toThrow();
    for (const method of names(4, 300, 'x/')) await expect(client.request(method)).rejects.toThrow();

    const all = await metrics.collect();
    const unknownTool = { 'mcp.protocol.version': PROTOCOL, 'mcp.method.name': 'tools/call', 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': '_OTHER' };
    const v1 = sdk.behaviour.unknownTool === 'tool_error';
    const onServer = v1 ? { 'error.type': 'tool_error' } : { 'rpc.response.status_code': '-32602' };
    const onClient = v1 ? { 'error.type': 'tool_error' } : { 'error.type': '-32602', 'rpc.response.status_code': '-32602' };
    expect(series(all.get('mcp.server.operation.duration')).filter((l) => l.includes('tools/call'))).toEqual([s({ ...unknownTool, ...onServer }, 10_000)]);
    expect(series(all.get('mcp.client.operation.duration')).filter((l) => l.includes('tools/call'))).toEqual([s({ ...unknownTool, ...onClient }, 10_000)]);
    let points = 0;
    for (const metric of all.values()) points += metric.points.length;
    // 10,900 distinct client-chosen values in, a bounded number of series out.
    expect(points).toBeLessThan(40);
    await client.close();
    await server.close();
    await metrics.shutdown();
  }, 60_000);

  it('bounds the protocol versions peers claim per message (2026-07-28 _meta) and the methods of both protocol generations', async () => {
    const metrics = new TestMetrics();
    const server = sdk.createServer();
    instrumentMcpServer(server.raw, { meterProvider: metrics.provider });
    server.onerror(() => {});
    const [peer, serverTransport] = sdk.linkedPair();
    const answered = new Set<unknown>();
    peer.onmessage = (m) => answered.add(m['id']);
    await server.connect(serverTransport);
    await peer.start();
    await peer.send({ jsonrpc: '2.0', id: 'init', method: 'initialize', params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    const versions = names(5, 1000, '').map((n, i) => `${2030 + (i % 900)}-0${1 + (n.length % 9)}-1${i % 10}`);
    for (const [i, version] of versions.entries()) {
      await peer.send({ jsonrpc: '2.0', id: i, method: i % 2 === 0 ? 'server/discover' : 'subscriptions/listen', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': version } } });
    }
    await waitFor(() => answered.size === 1001, 10_000, 'every request to be answered');
    await peer.close();
    await server.close();
    const seen = new Set<unknown>();
    for (const point of (await metrics.collect()).get('mcp.server.operation.duration')!.points) seen.add(point.attributes['mcp.protocol.version']);
    // At most 16 distinct versions per process, then _OTHER.
    expect(seen.size).toBeLessThanOrEqual(17);
    expect(seen.has('_OTHER')).toBe(true);
    await metrics.shutdown();
  });
});
