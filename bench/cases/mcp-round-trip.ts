/**
 * The MCP `tools/call` round-trip case table: a real `McpServer` and `Client` (@modelcontextprotocol/sdk)
 * linked by `InMemoryTransport`, so the figure is the SDK's own cost (JSON-RPC, zod validation,
 * promise plumbing) plus whatever an instrumentation adds. Adding a competitor is one entry.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { instrumentMcpClient, instrumentMcpServer, instrumentTransport } from '@mcp-otel/instrumentation';
import { createOtelSetup } from '../lib/otel-provider.js';

/** A connected client/server pair and the call measured on it. */
export interface McpFixture {
  call(): Promise<unknown>;
  close(): Promise<void>;
}

export interface McpCase {
  /** Id used in figures: `mcp.<impl>.call` (µs per round trip). */
  impl: string;
  label: string;
  setup(): Promise<McpFixture>;
}

type ToolResult = { content: { type: 'text'; text: string }[] };
/** Wraps the tool callback (identity for the bare case). */
type ToolWrapper = (name: string, fn: (args: { city: string }) => Promise<ToolResult>) => (args: { city: string }) => Promise<ToolResult>;

/** Server with one tool, client, linked transports; `prepare` may instrument them before connect. */
async function connectPair(
  wrapTool: ToolWrapper,
  prepare?: (parts: { server: McpServer; client: Client; serverTransport: Transport; clientTransport: Transport }) => {
    serverTransport: Transport;
    clientTransport: Transport;
  },
): Promise<McpFixture> {
  const server = new McpServer({ name: 'bench-server', version: '1.0.0' });
  server.registerTool(
    'get_weather',
    { description: 'Weather for a city', inputSchema: { city: z.string() } },
    wrapTool('get_weather', async ({ city }) => ({ content: [{ type: 'text', text: `Sunny in ${city}` }] })),
  );
  const client = new Client({ name: 'bench-client', version: '1.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const transports = prepare?.({ server, client, serverTransport, clientTransport }) ?? { serverTransport, clientTransport };
  await server.connect(transports.serverTransport);
  await client.connect(transports.clientTransport);
  const params = { name: 'get_weather', arguments: { city: 'Paris' } };
  return {
    call: () => client.callTool(params),
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

export const MCP_CASES: readonly McpCase[] = [
  { impl: 'bare', label: 'tools/call round trip, no instrumentation', setup: () => connectPair((_name, fn) => fn) },
  {
    // Reference, not a competitor: what a hand-written "time the tool, record a histogram and a
    // counter with the raw OTel SDK" costs, with the attributes built per call.
    impl: 'naive-otel',
    label: 'reference: hand-written OTel histogram + counter around the tool callback',
    setup: async () => {
      const otel = createOtelSetup('one-reader');
      const meter = otel.provider.getMeter('bench-naive');
      const duration = meter.createHistogram('mcp.server.operation.duration', { unit: 's' });
      const calls = meter.createCounter('mcp.server.tool.calls');
      const fixture = await connectPair((name, fn) => async (args) => {
        const start = performance.now();
        let errorType: string | undefined;
        try {
          return await fn(args);
        } catch (error) {
          errorType = error instanceof Error ? error.constructor.name : '_OTHER';
          throw error;
        } finally {
          const attributes = { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': name, ...(errorType ? { 'error.type': errorType } : {}) };
          duration.record((performance.now() - start) / 1000, attributes);
          calls.add(1, attributes);
        }
      });
      return { call: fixture.call, close: async () => (await fixture.close(), await otel.shutdown()) };
    },
  },
  {
    // mcp-otel's default instrumentation on both sides. The server and client helpers instrument
    // the transport they connect over; instrumentTransport is called as well, as a user following
    // the three-line setup would (a transport is instrumented once, whoever asks first).
    impl: 'mcp-otel',
    label: 'mcp-otel: instrumentMcpServer + instrumentMcpClient + instrumentTransport',
    setup: async () => {
      const otel = createOtelSetup('one-reader');
      const meterProvider = otel.provider;
      const fixture = await connectPair((_name, fn) => fn, ({ server, client, serverTransport, clientTransport }) => {
        instrumentMcpServer(server, { meterProvider });
        instrumentMcpClient(client, { meterProvider });
        return {
          serverTransport: instrumentTransport(serverTransport, { meterProvider }),
          clientTransport: instrumentTransport(clientTransport, { meterProvider }),
        };
      });
      return { call: fixture.call, close: async () => (await fixture.close(), await otel.shutdown()) };
    },
  },
];
