// The scenario of the browser parity tests (issue 15), one file run in three places: in Node by
// jest (`@mcp-otel/*` are the Node builds there), and bundled by esbuild for a browser page and a
// dedicated Web Worker (the export conditions pick the browser builds). It imports only what a
// user's program would, so each place runs the same code against its own build.
import { startMetrics } from '@mcp-otel/sdk';
import { instrumentCache, instrumentMcpClient, instrumentMcpServer, instrumentWasm } from '@mcp-otel/instrumentation';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/** The exports of test/fixtures/browser/scenario.wat. */
interface ScenarioExports {
  add(a: number, b: number): number;
  trap(): void;
  grow(pages: number): number;
}

/** Where the scenario runs: `node`, `page` or `worker` (the `test.run` resource attribute). */
export type ScenarioRun = 'node' | 'page' | 'worker';

/**
 * Starts metrics exporting to the page server's OTLP routes (JSON to the decoding receiver,
 * protobuf to VictoriaMetrics), calls a real MCP server over Streamable HTTP through an
 * instrumented client (a tool that answers, one that fails, a listing), runs an instrumented MCP
 * server in the same realm over an in-memory transport with an instrumented cache behind its tool,
 * loads a WebAssembly module with `instantiateStreaming` through `instrumentWasm` (computes, traps,
 * grows memory), counts one facade counter, and shuts down (the final export). Returns what the
 * page shows.
 */
export async function runScenario(baseUrl: string, run: ScenarioRun): Promise<string[]> {
  const telemetry = await startMetrics({
    serviceName: 'browser-parity',
    resourceAttributes: { 'test.run': run },
    exporters: [
      { type: 'otlp', endpoint: `${baseUrl}/otlp/json`, protocol: 'http/json' },
      { type: 'otlp', endpoint: `${baseUrl}/otlp/vm`, protocol: 'http/protobuf' },
    ],
    collectionInterval: '1h',
    health: { enabled: false },
    runtime: false,
  });
  const shown: string[] = [];
  try {
    const client = instrumentMcpClient(new Client({ name: 'parity-client', version: '1.0.0' }));
    await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`)));
    shown.push(toolText(await client.callTool({ name: 'add', arguments: { a: 2, b: 3 } })));
    shown.push(toolText(await client.callTool({ name: 'fail', arguments: {} })));
    shown.push(`tools: ${(await client.listTools()).tools.map((tool) => tool.name).join(', ')}`);
    await client.close();

    const doubled = instrumentCache(new Map<number, number>(), { name: 'doubled' });
    const local = instrumentMcpServer(new McpServer({ name: 'in-realm', version: '1.0.0' }));
    local.registerTool('double', { description: 'Doubles n (cached).', inputSchema: { n: z.number() } }, ({ n }) => {
      const value = doubled.get(n) ?? n * 2;
      doubled.set(n, value);
      return { content: [{ type: 'text', text: String(value) }] };
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await local.connect(serverSide);
    const localClient = instrumentMcpClient(new Client({ name: 'in-realm-client', version: '1.0.0' }));
    await localClient.connect(clientSide);
    await localClient.listTools();
    shown.push(toolText(await localClient.callTool({ name: 'double', arguments: { n: 21 } })));
    shown.push(toolText(await localClient.callTool({ name: 'double', arguments: { n: 21 } })));
    await localClient.close();

    const wasm = instrumentWasm(WebAssembly, { name: 'calc' });
    const { instance } = await wasm.instantiateStreaming(fetch(`${baseUrl}/scenario.wasm`));
    const calc = instance.exports as unknown as ScenarioExports;
    shown.push(`wasm add: ${calc.add(20, 22)}`);
    try {
      calc.trap();
    } catch (error) {
      shown.push(`wasm trap: ${(error as Error).constructor.name}`);
    }
    shown.push(`wasm grow: ${calc.grow(1)} -> ${calc.grow(0)} pages`);
    telemetry.counter('parity.scenario.runs', { host: 'shared' }, { unit: '{run}' }).increment();
  } finally {
    await telemetry.shutdown();
  }
  return shown;
}

function toolText(result: unknown): string {
  const { content, isError } = result as { content: { type: string; text?: string }[]; isError?: boolean };
  return `${isError === true ? 'error' : 'ok'}: ${content.map((part) => part.text ?? part.type).join(' ')}`;
}
