import { EmptyResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { instrumentMcpClient, instrumentMcpServer } from '@mcp-otel/instrumentation';
import { connectInMemory, createTestClient, PROTOCOL, s } from '../helpers/connect-pair.js';
import { series, TestMetrics } from '../helpers/test-metrics.js';
import { createTestServer } from '../helpers/test-server.js';

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

describe('cardinality guard', () => {
  it('turns 10,000 random tool names, prompt names, URIs and methods into a handful of series', async () => {
    const metrics = new TestMetrics();
    const { server } = createTestServer();
    const client = createTestClient();
    instrumentMcpServer(server, { meterProvider: metrics.provider, recordResourceUri: true });
    instrumentMcpClient(client, { meterProvider: metrics.provider, recordResourceUri: true });
    await connectInMemory(server, client);
    await client.listTools();

    for (const name of names(1, 10_000, 'tool-')) await client.callTool({ name, arguments: {} });
    for (const name of names(2, 300, 'prompt-')) await expect(client.getPrompt({ name })).rejects.toThrow();
    for (const uri of names(3, 300, 'mem://x/')) await expect(client.readResource({ uri })).rejects.toThrow();
    for (const method of names(4, 300, 'x/')) await expect(client.request({ method, params: {} }, EmptyResultSchema)).rejects.toThrow();

    const all = await metrics.collect();
    const unknownTool = { 'mcp.protocol.version': PROTOCOL, 'mcp.method.name': 'tools/call', 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': '_OTHER', 'error.type': 'tool_error' };
    expect(series(all.get('mcp.server.operation.duration')).filter((l) => l.includes('tools/call'))).toEqual([s(unknownTool, 10_000)]);
    expect(series(all.get('mcp.client.operation.duration')).filter((l) => l.includes('tools/call'))).toEqual([s(unknownTool, 10_000)]);
    let points = 0;
    for (const metric of all.values()) points += metric.points.length;
    // 10,900 distinct client-chosen values in, a bounded number of series out.
    expect(points).toBeLessThan(40);
    await client.close();
    await server.close();
    await metrics.shutdown();
  }, 60_000);
});
