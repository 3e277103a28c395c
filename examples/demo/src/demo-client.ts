import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { metrics } from '@mcp-otel/sdk';

/** A client that keeps calling the demo server's tools at a steady rate. */
export interface DemoClient {
  client: Client;
  stop(): Promise<void>;
}

const TOPICS = ['uptime', 'latency', 'errors', 'costs', 'capacity', 'security'];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

const CALLS = [
  { weight: 35, run: (c: Client) => c.callTool({ name: 'echo', arguments: { text: 'hello' } }), tool: 'echo' },
  // Six topics for a cache of four: mostly hits, some misses and evictions.
  { weight: 15, run: (c: Client) => c.callTool({ name: 'slow_report', arguments: { topic: pick(TOPICS) } }), tool: 'slow_report' },
  { weight: 5, run: (c: Client) => c.callTool({ name: 'add_note', arguments: { text: `observed at ${new Date().toISOString()}` } }), tool: 'add_note' },
  { weight: 5, run: (c: Client) => c.callTool({ name: 'list_notes', arguments: {} }), tool: 'list_notes' },
  // One call in ten asks for a negative n: the WebAssembly module traps.
  { weight: 10, run: (c: Client) => c.callTool({ name: 'wasm_fibonacci', arguments: { n: Math.random() < 0.1 ? -1 : 10 + Math.floor(Math.random() * 30) } }), tool: 'wasm_fibonacci' },
  { weight: 25, run: (c: Client) => c.callTool({ name: 'flaky_fetch', arguments: { key: 'temperature' } }), tool: 'flaky_fetch' },
  { weight: 5, run: (c: Client) => c.readResource({ uri: 'demo://greeting' }), tool: 'resource' },
  { weight: 5, run: (c: Client) => c.getPrompt({ name: 'summarize', arguments: { subject: 'metrics' } }), tool: 'prompt' },
] as const;
const TOTAL_WEIGHT = CALLS.reduce((sum, call) => sum + call.weight, 0);
/** Beyond this many calls in flight the driver skips a tick instead of piling up. */
const MAX_IN_FLIGHT = 16;

/**
 * Connects to `url` and issues `ratePerSecond` calls per second. App-level metrics go through the
 * `metrics` facade (the MCP instrumentation records the protocol-level ones).
 */
export async function startDemoClient(url: string, ratePerSecond: number, onClient?: (client: Client) => void): Promise<DemoClient> {
  const client = new Client({ name: 'mcp-otel-demo-client', version: '0.1.0' });
  onClient?.(client);
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  // Like an agent, list the tools first: the client-side instrumentation records only tool names it
  // has seen in a tools/list result (anything else would be client-controlled cardinality: `_OTHER`).
  await client.listTools();
  await client.listPrompts();

  let inFlight = 0;
  const tick = () => {
    if (inFlight >= MAX_IN_FLIGHT) return void metrics.counter('demo.client.skipped_ticks').increment();
    const call = pickCall();
    inFlight++;
    metrics
      .timed('demo.client.call.duration', () => call.run(client), { 'demo.call': call.tool })
      .then(
        (result) => outcome(call.tool, 'isError' in result && result.isError === true ? 'tool_error' : 'ok'),
        () => outcome(call.tool, 'error'),
      )
      .finally(() => inFlight--);
  };
  const timer = setInterval(tick, 1000 / ratePerSecond);

  return {
    client,
    stop: async () => {
      clearInterval(timer);
      await client.close();
    },
  };
}

function outcome(tool: string, result: string): void {
  metrics.counter('demo.client.calls', { 'demo.call': tool, 'demo.outcome': result }).increment();
}

function pickCall(): (typeof CALLS)[number] {
  let roll = Math.random() * TOTAL_WEIGHT;
  for (const call of CALLS) {
    roll -= call.weight;
    if (roll < 0) return call;
  }
  return CALLS[0];
}
