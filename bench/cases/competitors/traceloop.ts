/**
 * @traceloop/instrumentation-mcp, set up as its README says: `registerInstrumentations` with a
 * `McpInstrumentation` (default config: `traceContent: true`, so tool arguments and results are
 * JSON-serialized into span attributes), on top of the standard Node tracing setup: a
 * `NodeTracerProvider` with a `BatchSpanProcessor` (here into a counting exporter), `register()`ed,
 * which installs the global tracer provider, the W3C propagator and an AsyncLocalStorage context
 * manager.
 *
 * The README's setup alone records nothing with @modelcontextprotocol/sdk 1.32.2 loaded from
 * CommonJS: its require hook (require-in-the-middle, through @opentelemetry/instrumentation 0.203)
 * names `@modelcontextprotocol/sdk/client/index.js`, but the hook sees the file as
 * `@modelcontextprotocol/sdk/dist/cjs/client/index.js` and cannot resolve the package's main (the
 * SDK exports no "."), so it never patches. The package's documented fallback is
 * `manuallyInstrument({ Client })` / `({ Server })` (TSDoc of McpInstrumentation), which patches
 * `Client.prototype` (connect, request, close) and `Server.prototype.request`: every client in the
 * process is traced, hence a process of its own. The spans-per-call figure would show a double patch
 * (2) should a later version's hook also fire.
 *
 * Baseline: a bare pair connected before the patch, with the original methods pinned as own
 * properties of its client and server, which the prototype patch therefore does not reach.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { McpInstrumentation } from '@traceloop/instrumentation-mcp';
import { CountingSpanExporter } from './counting-span-exporter.js';
import type { RunningChildCase } from './protocol.js';

/** Pins, as own properties, the methods manuallyInstrument wraps (Client: connect, request, close; Server: request). */
function pinOriginals(client: Client, server: Server): void {
  const clientProto = Object.getPrototypeOf(client) as Client;
  for (const method of ['connect', 'request', 'close'] as const) {
    Object.defineProperty(client, method, { value: clientProto[method], writable: true, configurable: true });
  }
  const serverProto = Object.getPrototypeOf(server) as Server;
  Object.defineProperty(server, 'request', { value: serverProto.request, writable: true, configurable: true });
}

export async function start(): Promise<RunningChildCase> {
  const exporter = new CountingSpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  provider.register();
  const instrumentation = new McpInstrumentation();
  const unregister = registerInstrumentations({ instrumentations: [instrumentation] });
  // The README's order: the hook is registered before the SDK is loaded (here, through this import).
  const { connectPair } = await import('../mcp-round-trip.js');
  const baseline = await connectPair();
  pinOriginals(baseline.client, baseline.server.server);
  // The CommonJS classes the pairs use (a dynamic import of the SDK would load its ESM build).
  instrumentation.manuallyInstrument({ Client: baseline.client.constructor });
  instrumentation.manuallyInstrument({ Server: baseline.server.server.constructor });
  const fixture = await connectPair();
  return {
    fixture,
    baseline,
    flushAndCount: async () => {
      await provider.forceFlush();
      return { spans: exporter.spans, metricPoints: 0 };
    },
    notes: [
      'global tracer provider + W3C propagator + AsyncLocalStorage context manager (NodeTracerProvider.register())',
      'patches Client.prototype and Server.prototype of the MCP SDK (manuallyInstrument): every client in the process is traced',
      'README setup alone (registerInstrumentations) records nothing with the SDK loaded from CommonJS: its require hook never matches',
    ],
    shutdown: async () => {
      unregister();
      await provider.shutdown();
    },
  };
}
