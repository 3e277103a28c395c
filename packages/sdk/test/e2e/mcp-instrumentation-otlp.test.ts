import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { instrumentMcpClient, instrumentMcpServer } from '@mcp-otel/instrumentation';
import type { MetricsHandle } from '@mcp-otel/sdk';
import { startMetrics } from '@mcp-otel/sdk';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { attributesOf, lastMetric } from '../peers/otlp-decoded.js';
import { assertOtlpExportCanRun } from '../peers/otlp-export-guard.js';
import type { OtlpReceiver } from '../peers/otlp-receiver.js';
import { startOtlpReceiver } from '../peers/otlp-receiver.js';

// The "two lines" end to end: a real MCP server and client, instrumented, started through
// startMetrics (fast lane and all), exported over OTLP and decoded with the official protos.
const MCP_BUCKETS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

describeWithPeer('otlp-proto', 'MCP instrumentation over OTLP', () => {
  let receiver: OtlpReceiver | undefined;
  let handle: MetricsHandle | undefined;
  let client: Client | undefined;
  let server: McpServer | undefined;

  beforeAll(assertOtlpExportCanRun);
  afterEach(async () => {
    await client?.close();
    await server?.close();
    await handle?.shutdown();
    await receiver?.close();
  });

  it.each(['http/protobuf', 'http/json'] as const)('exports conformant operation histograms (%s)', async (protocol) => {
    receiver = await startOtlpReceiver();
    handle = await startMetrics({ serviceName: 'mcp-otlp', exporters: [{ type: 'otlp', protocol, endpoint: receiver.url }], registerGlobal: false }, { env: {} });
    const meterProvider = handle.meterProvider;

    server = instrumentMcpServer(new McpServer({ name: 'weather', version: '1.0.0' }), { meterProvider });
    server.registerTool('forecast', { inputSchema: { city: z.string() } }, ({ city }) => ({ content: [{ type: 'text', text: `sunny in ${city}` }] }));
    server.registerTool('broken', {}, () => {
      throw new Error('boom');
    });
    client = instrumentMcpClient(new Client({ name: 'agent', version: '1.0.0' }), { meterProvider });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
    await client.listTools();
    await client.callTool({ name: 'forecast', arguments: { city: 'Paris' } });
    await client.callTool({ name: 'forecast', arguments: { city: 'Oslo' } });
    await client.callTool({ name: 'broken', arguments: {} });
    await handle.forceFlush();

    const [got] = await receiver.waitForExports(1);
    expect(receiver.rejected).toEqual([]);
    const serverOps = lastMetric([got!.request], 'mcp.server.operation.duration');
    expect(serverOps.scope).toBe('@mcp-otel/instrumentation/mcp');
    expect(serverOps.resource['service.name']).toBe('mcp-otlp');
    expect(serverOps.metric.unit).toBe('s');
    const points = serverOps.metric.histogram!.dataPoints.map((p) => ({ attributes: attributesOf(p.attributes), count: Number(p.count), bounds: p.explicitBounds }));
    const toolCalls = points.filter((p) => p.attributes['mcp.method.name'] === 'tools/call');
    expect(toolCalls.map((p) => [p.attributes['gen_ai.tool.name'], p.attributes['error.type'], p.count]).sort()).toEqual([
      ['broken', 'tool_error', 1],
      ['forecast', undefined, 2],
    ]);
    expect(toolCalls[0]!.attributes).toMatchObject({ 'gen_ai.operation.name': 'execute_tool' });
    expect(toolCalls.every((p) => JSON.stringify(p.bounds) === JSON.stringify(MCP_BUCKETS))).toBe(true);
    // Tool arguments never leave the process.
    expect(JSON.stringify(got!.request)).not.toContain('Paris');

    const clientOps = lastMetric([got!.request], 'mcp.client.operation.duration');
    const clientTools = clientOps.metric.histogram!.dataPoints.map((p) => attributesOf(p.attributes)).filter((a) => a['mcp.method.name'] === 'tools/call');
    expect(clientTools.map((a) => a['gen_ai.tool.name']).sort()).toEqual(['broken', 'forecast']);
  });
});
