/**
 * Group `aggregation`: our own aggregation (the pipeline as `createMetricsPipeline` builds it)
 * against the same pipeline with `ownAggregation: false` (OTel aggregates everything, same views,
 * readers and transforms) and against the raw OTel SDK as an application would set it up, in one
 * process and run, as ratios. Public entry points only.
 *
 * - Hot path: `histogram.record(v, attrs)` with 0, 2 and 5 attributes (15 bounds): OTel with a
 *   fresh literal per call (as bench/cases/hot-path.ts) and with one frozen object reused (what the
 *   MCP instrumentation passes); our series with the frozen object, with a fresh literal, and with
 *   8 frozen objects in rotation. Our series run behind two readers (Prometheus + a periodic
 *   reader), which they do not pay for per measurement.
 * - MCP `tools/call` round trip over InMemoryTransport: bare; instrumented on a raw OTel provider
 *   (bench/cases/mcp-round-trip.ts `mcp-otel`); instrumented on the pipeline with own aggregation
 *   off and on. Warmed up, then interleaved batches of 10 calls in rotating order
 *   (lib/interleaved-batches.ts); each figure is the median of the batch means.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Attributes, MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import { z } from 'zod';
import { instrumentMcpClient, instrumentMcpServer, instrumentTransport } from '@mcp-otel/instrumentation';
import { createMetricsPipeline, resolveConfig } from '@mcp-otel/sdk';
import type { ExporterConfig } from '@mcp-otel/sdk';
import { BOUNDS_15, HISTOGRAM_VALUES, attributeFactory, type AttrCount } from '../lib/attributes.js';
import { median, type Figure, type GroupResult } from '../lib/figures.js';
import { timeInterleaved, WARMUP_CALLS } from '../lib/interleaved-batches.js';
import { measureNs } from '../lib/measure-ns.js';
import { createOtelSetup } from '../lib/otel-provider.js';
import type { GroupOptions } from './group-options.js';

interface Pipeline {
  provider: ApiMeterProvider;
  shutdown(): Promise<void>;
}

/**
 * The pipeline `startMetrics` runs on, for one Prometheus exporter (+ optionally an OTLP push
 * exporter whose interval never fires here), with our own aggregation or without it.
 */
function productPipeline(own: boolean, periodic: boolean): Pipeline {
  const exporters: ExporterConfig[] = [{ type: 'prometheus', port: 0 }];
  if (periodic) exporters.push({ type: 'otlp', endpoint: 'http://127.0.0.1:9/v1/metrics', timeout: '100ms' });
  const config = resolveConfig({ config: { serviceName: 'bench', exporters, collectionInterval: '1h', registerGlobal: false }, env: {} });
  const pipeline = createMetricsPipeline(config, { ownAggregation: own });
  return { provider: pipeline.meterProvider, shutdown: pipeline.shutdown };
}

function rawOtelPipeline(): Pipeline {
  const otel = createOtelSetup('one-reader');
  return { provider: otel.provider, shutdown: otel.shutdown };
}

// ---------------------------------------------------------------------------------------------
// Hot path

interface HotCase {
  id: string;
  label: string;
  setup(): { fn: () => void; close(): Promise<void> };
}

function histogramCase(impl: string, label: string, attrs: AttrCount, pipeline: () => Pipeline, mode: 'fresh' | 'frozen' | 'rotating'): HotCase {
  return {
    id: `agg.hist.${impl}.a${attrs}`,
    label: `histogram ${attrs} attrs: ${label}`,
    setup: () => {
      const p = pipeline();
      const histogram = p.provider.getMeter('bench').createHistogram('bench_latency', { advice: { explicitBucketBoundaries: [...BOUNDS_15] } });
      const fresh = attributeFactory(attrs);
      let i = 0;
      if (mode === 'fresh') return { fn: () => histogram.record(HISTOGRAM_VALUES[i++ & 63]!, fresh()), close: p.shutdown };
      const objects: (Attributes | undefined)[] = Array.from({ length: mode === 'rotating' ? 8 : 1 }, (_, k) => {
        const a = fresh();
        return a === undefined ? undefined : Object.freeze({ ...a, ...(mode === 'rotating' && { gen_ai_tool_name: `tool_${k}` }) });
      });
      const mask = objects.length - 1;
      return { fn: () => histogram.record(HISTOGRAM_VALUES[i & 63]!, objects[i++ & mask]), close: p.shutdown };
    },
  };
}

function hotCases(): HotCase[] {
  const own = (): Pipeline => productPipeline(true, true);
  const cases: HotCase[] = [];
  for (const a of [0, 2, 5] as const) {
    cases.push(
      histogramCase('otel', 'OTel SDK, 1 reader, fresh literal', a, rawOtelPipeline, 'fresh'),
      histogramCase('own-frozen', 'our series, 2 readers, frozen object reused', a, own, 'frozen'),
    );
    if (a === 0) continue;
    cases.push(
      histogramCase('otel-frozen', 'OTel SDK, 1 reader, frozen object reused', a, rawOtelPipeline, 'frozen'),
      histogramCase('own-fresh', 'our series, 2 readers, fresh literal', a, own, 'fresh'),
      histogramCase('own-rotating', 'our series, 2 readers, 8 frozen objects in turn', a, own, 'rotating'),
    );
  }
  return cases;
}

async function runHot(options: GroupOptions): Promise<Figure[]> {
  const cases = hotCases().map((c) => ({ ...c, fixture: c.setup(), rounds: [] as number[] }));
  const rounds = options.quick ? 3 : 5;
  try {
    for (let r = 0; r < rounds; r++) {
      for (const c of cases) c.rounds.push((await measureNs(c.fixture.fn, { minCpuMs: options.quick ? 80 : 150 })).p50);
    }
  } finally {
    for (const c of cases) await c.fixture.close();
  }
  return cases.map((c) => ({ id: c.id, label: c.label, value: median(c.rounds), unit: 'ns' }));
}

// ---------------------------------------------------------------------------------------------
// MCP round trip

interface McpFixture {
  call(): Promise<unknown>;
  close(): Promise<void>;
}

async function mcpFixture(pipeline: Pipeline | undefined): Promise<McpFixture> {
  const server = new McpServer({ name: 'bench-server', version: '1.0.0' });
  server.registerTool('get_weather', { description: 'Weather for a city', inputSchema: { city: z.string() } }, async ({ city }) => ({
    content: [{ type: 'text' as const, text: `Sunny in ${city}` }],
  }));
  const client = new Client({ name: 'bench-client', version: '1.0.0' });
  const linked = InMemoryTransport.createLinkedPair();
  let clientTransport: Transport = linked[0];
  let serverTransport: Transport = linked[1];
  if (pipeline !== undefined) {
    const meterProvider = pipeline.provider;
    instrumentMcpServer(server, { meterProvider });
    instrumentMcpClient(client, { meterProvider });
    serverTransport = instrumentTransport(serverTransport, { meterProvider });
    clientTransport = instrumentTransport(clientTransport, { meterProvider });
  }
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  const params = { name: 'get_weather', arguments: { city: 'Paris' } };
  return {
    call: () => client.callTool(params),
    close: async () => {
      await client.close();
      await server.close();
      await pipeline?.shutdown();
    },
  };
}

const MCP_CASES: { impl: string; label: string; pipeline: () => Pipeline | undefined }[] = [
  { impl: 'bare', label: 'tools/call round trip, no instrumentation', pipeline: () => undefined },
  { impl: 'raw-otel', label: 'mcp-otel instrumentation on a raw OTel provider (1 Prometheus reader)', pipeline: rawOtelPipeline },
  { impl: 'plain', label: 'mcp-otel instrumentation, createMetricsPipeline with ownAggregation: false', pipeline: () => productPipeline(false, false) },
  { impl: 'own', label: 'mcp-otel instrumentation, createMetricsPipeline (our series)', pipeline: () => productPipeline(true, false) },
  { impl: 'own-2r', label: 'same, our series, 2 readers (Prometheus + periodic)', pipeline: () => productPipeline(true, true) },
];

async function runMcp(options: GroupOptions): Promise<Figure[]> {
  const cases = [];
  for (const c of MCP_CASES) cases.push({ ...c, fixture: await mcpFixture(c.pipeline()), samples: [] as number[] });
  try {
    const timed = await timeInterleaved(
      cases.map((c) => c.fixture),
      { warmupCalls: WARMUP_CALLS, rounds: options.quick ? 150 : 600, callsPerBatch: 10 },
    );
    cases.forEach((c, i) => c.samples.push(...timed[i]!));
  } finally {
    for (const c of cases) await c.fixture.close();
  }
  const bare = median(cases[0]!.samples);
  return cases.flatMap((c) => {
    const us = median(c.samples);
    const call: Figure = { id: `agg.mcp.${c.impl}.call`, label: c.label, value: us, unit: 'us' };
    if (c.impl === 'bare') return [call];
    return [call, { id: `agg.mcp.${c.impl}.overhead-pct`, label: `${c.impl}: added per round trip`, value: ((us - bare) / bare) * 100, unit: '%' }];
  });
}

// ---------------------------------------------------------------------------------------------

const RATIOS: [id: string, label: string, numerator: string, denominator: string][] = [
  ...[0, 2, 5].map((a) => [`ratio.agg.otel-vs-own.a${a}`, `${a} attrs: OTel fresh / our series frozen (speed-up)`, `agg.hist.otel.a${a}`, `agg.hist.own-frozen.a${a}`] as [string, string, string, string]),
  ...[2, 5].flatMap((a) => [
    [`ratio.agg.otel-frozen-vs-own.a${a}`, `${a} attrs: OTel frozen / our series frozen (speed-up)`, `agg.hist.otel-frozen.a${a}`, `agg.hist.own-frozen.a${a}`],
    [`ratio.agg.otel-vs-own-fresh.a${a}`, `${a} attrs: OTel fresh / our series fresh (speed-up)`, `agg.hist.otel.a${a}`, `agg.hist.own-fresh.a${a}`],
    [`ratio.agg.otel-vs-own-rotating.a${a}`, `${a} attrs: OTel fresh / our series 8 frozen in turn (speed-up)`, `agg.hist.otel.a${a}`, `agg.hist.own-rotating.a${a}`],
  ] as [string, string, string, string][]),
  ...['raw-otel', 'plain', 'own', 'own-2r'].map(
    (impl) => [`ratio.agg.mcp.${impl}-vs-bare`, `round trip: ${impl} / bare`, `agg.mcp.${impl}.call`, 'agg.mcp.bare.call'] as [string, string, string, string],
  ),
];

export async function runAggregation(options: GroupOptions): Promise<GroupResult> {
  const figures = [...(await runHot(options)), ...(await runMcp(options))];
  const values = new Map(figures.map((f) => [f.id, f.value]));
  for (const [id, label, numerator, denominator] of RATIOS) {
    const n = values.get(numerator);
    const d = values.get(denominator);
    if (n !== undefined && d !== undefined) figures.push({ id, label, value: n / d, unit: 'x' });
  }
  return { group: 'aggregation', figures, notes: [] };
}
