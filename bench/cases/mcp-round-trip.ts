/**
 * The MCP `tools/call` round-trip case table: a real `McpServer` and `Client` (@modelcontextprotocol/sdk)
 * linked by `InMemoryTransport`, so the figure is the SDK's own cost (JSON-RPC, zod validation,
 * promise plumbing) plus whatever an instrumentation adds. Adding a competitor is one entry.
 *
 * Competing instrumentations run in their own child process (bench/cases/competitors/): they patch
 * module prototypes through require hooks or register process-wide OTel globals (context manager,
 * providers), which would slow or alter the other cases if they shared this process.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { instrumentMcpClient, instrumentMcpServer, instrumentTransport } from '@mcp-otel/instrumentation';
import { startMetrics } from '@mcp-otel/sdk';
import type { MeterProvider } from '@opentelemetry/api';
import type { SideEffectCounts } from '../lib/side-effects.js';
import { createOtelSetup, type OtelSetup } from '../lib/otel-provider.js';
import { startChildCase } from './competitors/child-case.js';

/** What an instrumentation recorded over a fixture's calls (checked after the run: zero = not reported). */
export interface Recorded {
  spans: number;
  /** Metric data points (series) in the last collection or export. */
  metricPoints: number;
  /** `tools/call` round trips made on the fixture, warmup included. */
  calls: number;
}

/** Side effects counted where the calls run, when that is not this process. */
export interface RemoteSideEffects {
  counts: SideEffectCounts;
  contextManagerBefore: boolean;
  /** What the instrumentation changed process-wide (require hook, globals), for the notes. */
  notes: string[];
}

/** A connected client/server pair and the call measured on it. */
export interface McpFixture {
  call(): Promise<unknown>;
  close(): Promise<void>;
  /**
   * Present when the calls run in another process: times there one batch of `calls` round trips
   * (after `warmup` untimed ones) on this pair and one on a bare pair of the same process, whose
   * time is this case's zero (an IPC hop per call would swamp the figure; the bare pair of another
   * process would add that process's offset).
   */
  timeBatch?(calls: number, warmup: number): Promise<{ us: number; baselineUs: number }>;
  /** Present when the calls run in another process: its side-effect probe over setup + warmup. */
  sideEffects?: RemoteSideEffects;
  /** Flushes the instrumentation's pipeline and counts what it recorded. */
  recorded?(): Promise<Recorded>;
}

export interface McpCase {
  /** Id used in figures: `mcp.<impl>.call` (µs per round trip). */
  impl: string;
  label: string;
  setup(): Promise<McpFixture>;
  /** The in-process bare case its overhead is measured against. @default 'bare' */
  baselineImpl?: string;
}

type ToolResult = { content: { type: 'text'; text: string }[] };
type ToolCallback = (args: { city: string }) => Promise<ToolResult>;
/** Wraps the tool callback (identity for the bare case). */
type ToolWrapper = (name: string, fn: ToolCallback) => ToolCallback;

export interface PairOptions {
  /** @default identity */
  wrapTool?: ToolWrapper;
  /** Runs on the new server before the tool is registered (an instrumentation that wraps `server.tool` must see it). */
  beforeTools?(server: McpServer): void;
  /**
   * `tool`: the deprecated `server.tool(name, description, shape, cb)`, which some instrumentations
   * wrap instead of `registerTool`; both end in the same registered tool and request handler.
   * @default 'registerTool'
   */
  registerWith?: 'registerTool' | 'tool';
  /** May instrument the parts before connect, and replace the transports. */
  prepare?(parts: { server: McpServer; client: Client; serverTransport: Transport; clientTransport: Transport }): {
    serverTransport: Transport;
    clientTransport: Transport;
  };
}

/** A connected pair plus the number of calls made on it. */
export interface PairFixture extends McpFixture {
  client: Client;
  server: McpServer;
  callCount(): number;
}

/** Server with one tool, client, linked transports. */
export async function connectPair(options: PairOptions = {}): Promise<PairFixture> {
  const wrapTool = options.wrapTool ?? ((_name, fn) => fn);
  const server = new McpServer({ name: 'bench-server', version: '1.0.0' });
  options.beforeTools?.(server);
  const tool = wrapTool('get_weather', async ({ city }) => ({ content: [{ type: 'text', text: `Sunny in ${city}` }] }));
  if (options.registerWith === 'tool') server.tool('get_weather', 'Weather for a city', { city: z.string() }, tool);
  else server.registerTool('get_weather', { description: 'Weather for a city', inputSchema: { city: z.string() } }, tool);
  const client = new Client({ name: 'bench-client', version: '1.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const transports = options.prepare?.({ server, client, serverTransport, clientTransport }) ?? { serverTransport, clientTransport };
  await server.connect(transports.serverTransport);
  await client.connect(transports.clientTransport);
  const params = { name: 'get_weather', arguments: { city: 'Paris' } };
  let calls = 0;
  return {
    client,
    server,
    call: () => (calls++, client.callTool(params)),
    callCount: () => calls,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** Data points the provider's Prometheus reader collects now (what a scrape would serve). */
export async function collectedPoints(otel: OtelSetup): Promise<number> {
  const { resourceMetrics } = await otel.prometheus.collect();
  return resourceMetrics.scopeMetrics.reduce((n, scope) => n + scope.metrics.reduce((m, metric) => m + metric.dataPoints.length, 0), 0);
}

/** mcp-otel as a user gets it: `startMetrics` (default pipeline, Prometheus reader) and its provider. */
export interface McpOtelSetup {
  meterProvider: MeterProvider;
  /** Data points (samples) on the Prometheus endpoint, histogram buckets not counted. */
  points(): Promise<number>;
  shutdown(): Promise<void>;
}

export async function startMcpOtel(): Promise<McpOtelSetup> {
  const handle = await startMetrics({ serviceName: 'bench', exporters: [{ type: 'prometheus', port: 0 }], registerGlobal: false }, { env: {} });
  return {
    meterProvider: handle.meterProvider,
    points: async () => {
      const text = await (await fetch(handle.endpoints.prometheus!)).text();
      return text.split('\n').filter((line) => line !== '' && !line.startsWith('#') && !line.includes('_bucket{') && !line.startsWith('target_info')).length;
    },
    shutdown: handle.shutdown,
  };
}

/**
 * mcp-otel's default instrumentation on both sides, on the pipeline `startMetrics` builds (fast
 * lane included). The server and client helpers instrument the transport they connect over;
 * instrumentTransport is called as well, as a user following the three-line setup would (a
 * transport is instrumented once, whoever asks first).
 */
export async function mcpOtelPair(): Promise<{ fixture: PairFixture; sdk: McpOtelSetup }> {
  const sdk = await startMcpOtel();
  const { meterProvider } = sdk;
  const fixture = await connectPair({
    prepare: ({ server, client, serverTransport, clientTransport }) => {
      instrumentMcpServer(server, { meterProvider });
      instrumentMcpClient(client, { meterProvider });
      return {
        serverTransport: instrumentTransport(serverTransport, { meterProvider }),
        clientTransport: instrumentTransport(clientTransport, { meterProvider }),
      };
    },
  });
  return { fixture, sdk };
}

/**
 * Reference, not a competitor: what a hand-written "time the tool, record a histogram and a counter
 * with the raw OTel SDK" costs, with the attributes built per call.
 */
export async function naiveOtelPair(): Promise<{ fixture: PairFixture; otel: OtelSetup }> {
  const otel = createOtelSetup('one-reader');
  const meter = otel.provider.getMeter('bench-naive');
  const duration = meter.createHistogram('mcp.server.operation.duration', { unit: 's' });
  const calls = meter.createCounter('mcp.server.tool.calls');
  const wrapTool: ToolWrapper = (name, fn) => async (args) => {
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
  };
  return { fixture: await connectPair({ wrapTool }), otel };
}

export const MCP_CASES: readonly McpCase[] = [
  { impl: 'bare', label: 'tools/call round trip, no instrumentation', setup: () => connectPair() },
  {
    impl: 'mcp-otel',
    label: 'mcp-otel: instrumentMcpServer + instrumentMcpClient + instrumentTransport',
    setup: async () => {
      const { fixture, sdk } = await mcpOtelPair();
      return {
        call: fixture.call,
        close: async () => (await fixture.close(), await sdk.shutdown()),
        recorded: async () => ({ spans: 0, metricPoints: await sdk.points(), calls: fixture.callCount() }),
      };
    },
  },
  // Each in its own child process, timed there against a bare pair of that process
  // (bench/cases/competitors/): the competitors, and three cases that put their figures in context.
  {
    impl: 'naive-otel',
    label: 'reference: hand-written OTel histogram + counter around the tool callback, own process',
    setup: () => startChildCase('naive-otel'),
  },
  {
    impl: 'mcp-otel-child',
    label: 'mcp-otel: the mcp-otel case in its own child process, measured as the competitors are',
    setup: () => startChildCase('mcp-otel'),
  },
  {
    impl: 'als',
    label: 'reference: bare round trip with an AsyncLocalStorage enabled in the process (as an OTel context manager does)',
    setup: () => startChildCase('als', false),
  },
  {
    impl: 'traceloop',
    label: '@traceloop/instrumentation-mcp 0.27.0 (spans): NodeTracerProvider + BatchSpanProcessor, own process',
    setup: () => startChildCase('traceloop'),
  },
  {
    impl: 'shinzo',
    label: '@shinzolabs/instrumentation-mcp 1.1.0 (spans + metrics, NodeSDK, OTLP/HTTP to a local sink), own process',
    setup: () => startChildCase('shinzo'),
  },
];
