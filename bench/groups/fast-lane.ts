/**
 * Group `fast-lane`: the histogram fast lane of @mcp-otel/sdk against the raw OTel SDK, in one
 * process and run, as ratios.
 *
 * - Hot path: `histogram.record(v, attrs)` with 0, 2 and 5 attributes (15 bounds): OTel with a
 *   fresh literal per call (as bench/cases/hot-path.ts) and with one frozen object reused (what the
 *   MCP instrumentation passes), the fast lane with the frozen object, with a fresh literal, and
 *   with 8 frozen objects in rotation. The fast lane runs behind two readers (Prometheus + a
 *   periodic reader), which it does not pay for per measurement.
 * - MCP `tools/call` round trip over InMemoryTransport: bare; instrumented on a raw OTel provider
 *   (bench/cases/mcp-round-trip.ts `mcp-otel`); instrumented on the provider built as start.ts
 *   builds it (views from the resolved config, Prometheus reader) without and with the fast lane.
 *   Warmed up, then interleaved batches of 10 calls in rotating order (lib/interleaved-batches.ts);
 *   each figure is the median of the batch means.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Attributes, MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, AggregationTemporality, type MetricReader } from '@opentelemetry/sdk-metrics';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { instrumentMcpClient, instrumentMcpServer, instrumentTransport } from '@mcp-otel/instrumentation';
import { resolveConfig } from '@mcp-otel/sdk';
import type * as CreateViewsModule from '../../packages/sdk/dist/create/create-views.js';
import type * as FastLaneModule from '../../packages/sdk/dist/fast-lane/fast-lane.js';
import type * as MergeScopesModule from '../../packages/sdk/dist/fast-lane/merge-scope-metrics.js';
import type * as TransformsModule from '../../packages/sdk/dist/transform/apply-collect-transforms.js';
import { BOUNDS_15, HISTOGRAM_VALUES, attributeFactory, type AttrCount } from '../lib/attributes.js';
import { median, type Figure, type GroupResult } from '../lib/figures.js';
import { timeInterleaved, WARMUP_CALLS } from '../lib/interleaved-batches.js';
import { measureNs } from '../lib/measure-ns.js';
import { createOtelSetup } from '../lib/otel-provider.js';
import type { GroupOptions } from './group-options.js';

// Modules @mcp-otel/sdk's index does not export (yet): loaded from its built dist, as start.ts uses them.
const sdkDist = dirname(createRequire(__filename).resolve('@mcp-otel/sdk'));
const loadSdk = <T>(path: string): T => createRequire(__filename)(join(sdkDist, path)) as T;
const { createViews } = loadSdk<typeof CreateViewsModule>('create/create-views.js');
const { FastLane } = loadSdk<typeof FastLaneModule>('fast-lane/fast-lane.js');
const { mergeScopeMetrics } = loadSdk<typeof MergeScopesModule>('fast-lane/merge-scope-metrics.js');
const { applyCollectTransforms } = loadSdk<typeof TransformsModule>('transform/apply-collect-transforms.js');

interface Pipeline {
  provider: ApiMeterProvider;
  shutdown(): Promise<void>;
}

/** The provider as start.ts builds it for one Prometheus exporter (+ optionally a periodic one). */
function startLikePipeline(fast: boolean, periodic: boolean): Pipeline {
  const config = resolveConfig({ config: { serviceName: 'bench', exporters: [{ type: 'prometheus' }] }, env: {} });
  const fastLane = fast ? new FastLane({ config }) : undefined;
  const prometheus = new PrometheusExporter({ preventServerStart: true, metricProducers: fastLane ? [fastLane.createProducer()] : [] });
  prometheus.selectCardinalityLimit = () => config.cardinalityLimit;
  const readers: MetricReader[] = [prometheus];
  if (periodic) {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    readers.push(
      new PeriodicExportingMetricReader({
        exporter,
        exportIntervalMillis: 3_600_000,
        metricProducers: fastLane ? [fastLane.createProducer(exporter)] : [],
        cardinalityLimits: { default: config.cardinalityLimit },
      }),
    );
  }
  const sdk = new MeterProvider({ views: createViews(config), readers });
  if (fastLane !== undefined) for (const reader of readers) applyCollectTransforms(reader, [mergeScopeMetrics]);
  return { provider: fastLane === undefined ? sdk : fastLane.wrap(sdk), shutdown: () => sdk.shutdown() };
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
    id: `fl.hist.${impl}.a${attrs}`,
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
  const fast = (): Pipeline => startLikePipeline(true, true);
  const cases: HotCase[] = [];
  for (const a of [0, 2, 5] as const) {
    cases.push(
      histogramCase('otel', 'OTel SDK, 1 reader, fresh literal', a, rawOtelPipeline, 'fresh'),
      histogramCase('fast-frozen', 'fast lane, 2 readers, frozen object reused', a, fast, 'frozen'),
    );
    if (a === 0) continue;
    cases.push(
      histogramCase('otel-frozen', 'OTel SDK, 1 reader, frozen object reused', a, rawOtelPipeline, 'frozen'),
      histogramCase('fast-fresh', 'fast lane, 2 readers, fresh literal', a, fast, 'fresh'),
      histogramCase('fast-rotating', 'fast lane, 2 readers, 8 frozen objects in turn', a, fast, 'rotating'),
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
  { impl: 'start', label: 'mcp-otel instrumentation, provider as start.ts builds it, no fast lane', pipeline: () => startLikePipeline(false, false) },
  { impl: 'start-fast', label: 'mcp-otel instrumentation, provider as start.ts builds it, fast lane', pipeline: () => startLikePipeline(true, false) },
  { impl: 'start-fast-2r', label: 'same, fast lane, 2 readers (Prometheus + periodic)', pipeline: () => startLikePipeline(true, true) },
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
    const call: Figure = { id: `fl.mcp.${c.impl}.call`, label: c.label, value: us, unit: 'us' };
    if (c.impl === 'bare') return [call];
    return [call, { id: `fl.mcp.${c.impl}.overhead-pct`, label: `${c.impl}: added per round trip`, value: ((us - bare) / bare) * 100, unit: '%' }];
  });
}

// ---------------------------------------------------------------------------------------------

const RATIOS: [id: string, label: string, numerator: string, denominator: string][] = [
  ...[0, 2, 5].map((a) => [`ratio.fl.otel-vs-fast.a${a}`, `${a} attrs: OTel fresh / fast lane frozen (speed-up)`, `fl.hist.otel.a${a}`, `fl.hist.fast-frozen.a${a}`] as [string, string, string, string]),
  ...[2, 5].flatMap((a) => [
    [`ratio.fl.otel-frozen-vs-fast.a${a}`, `${a} attrs: OTel frozen / fast lane frozen (speed-up)`, `fl.hist.otel-frozen.a${a}`, `fl.hist.fast-frozen.a${a}`],
    [`ratio.fl.otel-vs-fast-fresh.a${a}`, `${a} attrs: OTel fresh / fast lane fresh (speed-up)`, `fl.hist.otel.a${a}`, `fl.hist.fast-fresh.a${a}`],
    [`ratio.fl.otel-vs-fast-rotating.a${a}`, `${a} attrs: OTel fresh / fast lane 8 frozen in turn (speed-up)`, `fl.hist.otel.a${a}`, `fl.hist.fast-rotating.a${a}`],
  ] as [string, string, string, string][]),
  ...['raw-otel', 'start', 'start-fast', 'start-fast-2r'].map(
    (impl) => [`ratio.fl.mcp.${impl}-vs-bare`, `round trip: ${impl} / bare`, `fl.mcp.${impl}.call`, 'fl.mcp.bare.call'] as [string, string, string, string],
  ),
];

export async function runFastLane(options: GroupOptions): Promise<GroupResult> {
  const figures = [...(await runHot(options)), ...(await runMcp(options))];
  const values = new Map(figures.map((f) => [f.id, f.value]));
  for (const [id, label, numerator, denominator] of RATIOS) {
    const n = values.get(numerator);
    const d = values.get(denominator);
    if (n !== undefined && d !== undefined) figures.push({ id, label, value: n / d, unit: 'x' });
  }
  return { group: 'fast-lane', figures, notes: [] };
}
