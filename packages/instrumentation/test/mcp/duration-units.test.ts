import { instrumentMcpClient, instrumentMcpServer } from '@mcp-otel/instrumentation';
import { connectInMemory } from '../helpers/connect-pair.js';
import { SDKS } from '../helpers/sdk/sdks.js';
import { histogramPoint, TestMetrics } from '../helpers/test-metrics.js';

/** Lets pending promise chains and immediates run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe.each(SDKS)('operation durations (%s)', (_name, sdk) => {
  // A fixed clock: performance.now() moves only when the test says so, so the value is exact.
  let clock = 0;
  beforeEach(() => {
    clock = 1_000;
    jest.spyOn(performance, 'now').mockImplementation(() => clock);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('are recorded in seconds (not milliseconds) into the right bucket, on both sides', async () => {
    const metrics = new TestMetrics();
    const server = sdk.createServer();
    const blocked = server.blocked;
    const client = sdk.createClient();
    instrumentMcpServer(server.raw, { meterProvider: metrics.provider });
    instrumentMcpClient(client.raw, { meterProvider: metrics.provider });
    await connectInMemory(sdk, server, client);
    await client.listTools();
    const call = client.callTool('block');
    await settle();
    expect(blocked).toHaveLength(1);
    clock += 1500;
    blocked[0]!.release();
    await call;
    const all = await metrics.collect();
    const attributes = { 'mcp.protocol.version': '2025-11-25', 'mcp.method.name': 'tools/call', 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'block' };
    for (const name of ['mcp.server.operation.duration', 'mcp.client.operation.duration']) {
      const point = histogramPoint(all.get(name), attributes)!;
      expect([name, point.sum, point.count]).toEqual([name, 1.5, 1]);
      // Bucket (1, 2] is index 7 of [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, ...].
      expect(point.buckets.counts[7]).toBe(1);
    }
    await client.close();
    await server.close();
    await metrics.shutdown();
  });

  it('measure a session from start() to close, in seconds', async () => {
    const metrics = new TestMetrics();
    const server = sdk.createServer();
    const client = sdk.createClient();
    instrumentMcpServer(server.raw, { meterProvider: metrics.provider });
    instrumentMcpClient(client.raw, { meterProvider: metrics.provider });
    await connectInMemory(sdk, server, client);
    clock += 42_000;
    await client.close();
    await server.close();
    const all = await metrics.collect();
    for (const name of ['mcp.server.session.duration', 'mcp.client.session.duration']) {
      expect([name, histogramPoint(all.get(name), { 'mcp.protocol.version': '2025-11-25' })?.sum]).toEqual([name, 42]);
    }
    await metrics.shutdown();
  });
});
