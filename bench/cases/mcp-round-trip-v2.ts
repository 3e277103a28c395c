/**
 * The `tools/call` round trip on the MCP TypeScript SDK 2.x (`@modelcontextprotocol/server` and
 * `client` 2.4.0, their own `InMemoryTransport`): the same tool, the same instrumentation calls and
 * the same `startMetrics` pipeline as the 1.x cases of ./mcp-round-trip.ts, so the overhead targets
 * hold for both lines. The 2.x cases are timed against the 2.x bare pair (`baselineImpl`); the
 * competitors instrument 1.x only, so the "quarter of the best competitor" ratio for 2.x compares the
 * 2.x mcp-otel overhead, measured alike in a child process, with theirs on 1.x.
 */
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import type { Transport } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { instrumentMcpClient, instrumentMcpServer, instrumentTransport } from '@mcp-otel/instrumentation';
import { startChildCase } from './competitors/child-case.js';
import { startMcpOtel } from './mcp-round-trip.js';
import type { McpCase, McpFixture, McpOtelSetup, PairFixture } from './mcp-round-trip.js';

/** A connected 2.x pair: the fixture contract of PairFixture, whose `client`/`server` are 1.x types. */
export interface PairFixtureV2 extends McpFixture {
  callCount(): number;
}

type Prepare = (parts: { server: McpServer; client: Client; serverTransport: Transport; clientTransport: Transport }) => {
  serverTransport: Transport;
  clientTransport: Transport;
};

/** Server with one tool, client, linked transports, all 2.x. */
export async function connectPairV2(prepare?: Prepare): Promise<PairFixtureV2> {
  const server = new McpServer({ name: 'bench-server', version: '1.0.0' });
  server.registerTool('get_weather', { description: 'Weather for a city', inputSchema: z.object({ city: z.string() }) }, async ({ city }) => ({
    content: [{ type: 'text', text: `Sunny in ${city}` }],
  }));
  const client = new Client({ name: 'bench-client', version: '1.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const transports = prepare?.({ server, client, serverTransport, clientTransport }) ?? { serverTransport, clientTransport };
  await server.connect(transports.serverTransport);
  await client.connect(transports.clientTransport);
  const params = { name: 'get_weather', arguments: { city: 'Paris' } };
  let calls = 0;
  return {
    call: () => (calls++, client.callTool(params)),
    callCount: () => calls,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** mcp-otel's default instrumentation on both sides of a 2.x pair, on the `startMetrics` pipeline. */
export async function mcpOtelPairV2(): Promise<{ fixture: PairFixtureV2; sdk: McpOtelSetup }> {
  const sdk = await startMcpOtel();
  const { meterProvider } = sdk;
  const fixture = await connectPairV2(({ server, client, serverTransport, clientTransport }) => {
    instrumentMcpServer(server, { meterProvider });
    instrumentMcpClient(client, { meterProvider });
    return {
      serverTransport: instrumentTransport(serverTransport, { meterProvider }),
      clientTransport: instrumentTransport(clientTransport, { meterProvider }),
    };
  });
  return { fixture, sdk };
}

/** The child-process contract types a fixture as the 1.x PairFixture; the child only calls, counts and closes it. */
export const asPairFixture = (fixture: PairFixtureV2): PairFixture => fixture as unknown as PairFixture;

export const MCP_V2_CASES: readonly McpCase[] = [
  { impl: 'bare-v2', label: 'SDK 2.x: tools/call round trip, no instrumentation', setup: () => connectPairV2(), baselineImpl: 'bare-v2' },
  {
    impl: 'mcp-otel-v2',
    label: 'SDK 2.x: mcp-otel instrumentMcpServer + instrumentMcpClient + instrumentTransport',
    baselineImpl: 'bare-v2',
    setup: async () => {
      const { fixture, sdk } = await mcpOtelPairV2();
      return {
        call: fixture.call,
        close: async () => (await fixture.close(), await sdk.shutdown()),
        recorded: async () => ({ spans: 0, metricPoints: await sdk.points(), calls: fixture.callCount() }),
      };
    },
  },
  {
    impl: 'mcp-otel-v2-child',
    label: 'SDK 2.x: the mcp-otel-v2 case in its own child process, measured as the competitors are',
    setup: () => startChildCase('mcp-otel-v2'),
  },
];
