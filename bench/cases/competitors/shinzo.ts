/**
 * @shinzolabs/instrumentation-mcp, set up as its README says: `instrumentServer(server, config)`
 * right after creating the `McpServer`, then tools added with `server.tool(...)` (it wraps that
 * method on the instance; tools added with `registerTool` are not instrumented). Server side only.
 * Defaults: tracing and metrics on, sampling 1.0, PII sanitization on, arguments not collected.
 *
 * It starts its own OpenTelemetry `NodeSDK` (@opentelemetry/sdk-node 0.51): global tracer and meter
 * providers, W3C propagator, an AsyncLocalStorage context manager, host/os/env resource detectors,
 * a BatchSpanProcessor and a PeriodicExportingMetricReader (5 s), both exporting OTLP/HTTP JSON to
 * `exporterEndpoint`. It offers no in-memory exporter, so the endpoint is a local sink in this
 * process (otlp-sink.ts) that receives the exports and counts them after the run. Each call: one
 * span (`startActiveSpan`), a counter add and a histogram record, each with attributes run through
 * the sanitizer, and a random UUID.
 *
 * Baseline: a bare pair in the same process (its tool added with `server.tool` as well).
 */
import { instrumentServer } from '@shinzolabs/instrumentation-mcp';
import { startOtlpSink } from './otlp-sink.js';
import type { RunningChildCase } from './protocol.js';

/** What this case uses of the handle `instrumentServer` returns. */
interface Telemetry {
  shutdown(): Promise<unknown>;
}
/**
 * Its typings resolve the SDK's ESM declarations (same class, other declaration file). A function,
 * not an inline cast, so that `npm run lint` passes before bench/node_modules is installed too
 * (the types are then `any`, and an inline cast would be flagged as unnecessary).
 */
const asShinzoServer = (server: unknown) => server as Parameters<typeof instrumentServer>[0];

export async function start(): Promise<RunningChildCase> {
  const sink = await startOtlpSink();
  const { connectPair } = await import('../mcp-round-trip.js');
  const baseline = await connectPair({ registerWith: 'tool' });
  let telemetry: Telemetry | undefined;
  const fixture = await connectPair({
    registerWith: 'tool',
    beforeTools: (server) => {
      telemetry = instrumentServer(asShinzoServer(server), { serverName: 'bench-server', serverVersion: '1.0.0', exporterEndpoint: sink.url });
    },
  });
  let shutDown = false;
  const shutdownTelemetry = async () => {
    if (shutDown) return;
    shutDown = true;
    await telemetry?.shutdown();
  };
  return {
    fixture,
    baseline,
    // Shinzo's handle exposes no flush: shutting it down exports everything left (the run is over).
    flushAndCount: async () => {
      await shutdownTelemetry();
      const { spans, metricPoints } = await sink.count();
      return { spans, metricPoints };
    },
    notes: [
      'starts a NodeSDK: global tracer + meter providers, W3C propagator, AsyncLocalStorage context manager, resource detectors',
      'declares engines node >=22.16 (run here on Node 20)',
    ],
    shutdown: async () => {
      await shutdownTelemetry();
      await sink.close();
    },
  };
}
