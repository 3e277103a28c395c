// The page program: metrics over OTLP, an instrumented MCP client calling the demo server's tools
// over Streamable HTTP, and a WebAssembly module of its own, each result shown on the page.
// `?mcp=<url>` and `?otlp=<url>` point it elsewhere (defaults: the demo and a local Collector).
import { instrumentMcpClient, instrumentWasm } from '@mcp-otel/instrumentation';
import { startMetrics } from '@mcp-otel/sdk';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const params = new URLSearchParams(location.search);
const mcpUrl = params.get('mcp') ?? 'http://127.0.0.1:3000/mcp';
const otlpUrl = params.get('otlp') ?? 'http://localhost:4318/v1/metrics';
const status = document.getElementById('status')!;
const results = document.getElementById('results')!;

function show(text: string, isError = false): void {
  const item = results.appendChild(document.createElement('li'));
  item.textContent = text;
  if (isError) item.className = 'error';
}

function toolText(result: unknown): string {
  const { content } = result as { content: { type: string; text?: string }[] };
  return content.map((part) => part.text ?? `[${part.type}]`).join(' ');
}

async function main(): Promise<void> {
  // The last values are flushed when the page is hidden or left (keepalive fetch, else sendBeacon).
  await startMetrics({
    serviceName: 'mcp-otel-browser-example',
    exporters: [{ type: 'otlp', endpoint: otlpUrl, protocol: 'http/json' }],
    collectionInterval: '15s',
  });

  const client = instrumentMcpClient(new Client({ name: 'browser-example', version: '0.1.0' }));
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl)));
  // Listing first lets the client metrics name the tools (names it has not seen listed are `_OTHER`).
  await client.listTools();
  show(`echo: ${toolText(await client.callTool({ name: 'echo', arguments: { text: 'hello from the browser' } }))}`);
  show(`wasm_fibonacci(10) on the server: ${toolText(await client.callTool({ name: 'wasm_fibonacci', arguments: { n: 10 } }))}`);

  const wasm = instrumentWasm(WebAssembly, { name: 'browser-math' });
  const { instance } = await wasm.instantiateStreaming(fetch(new URL('dist/math.wasm', location.href)));
  const { fibonacci } = instance.exports as { fibonacci: (n: number) => number };
  show(`fibonacci(20) in this page: ${fibonacci(20)}`);
  try {
    fibonacci(-1);
  } catch (error) {
    show(`fibonacci(-1) in this page: ${(error as Error).constructor.name}`, true);
  }
  await client.close();
}

main().then(
  () => (status.textContent = 'done'),
  (error: unknown) => {
    status.textContent = 'failed';
    show(String(error), true);
  },
);
