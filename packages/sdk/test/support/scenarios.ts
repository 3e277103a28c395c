import type { Attributes, Histogram, MeterProvider } from '@opentelemetry/api';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { buildTestPipeline, fakeClock, storageNames, type PipelineSpec } from './pipeline';

/** What a recording script drives: the host-visible provider, collections and the clock. */
export interface ScriptApi {
  provider: MeterProvider;
  /** Collects every reader (in order); each collection is kept for the comparison. */
  collect(): Promise<void>;
  advance(ms: number): void;
}

export type Script = (api: ScriptApi) => Promise<void>;

/** What a run collected, `[collection][reader]`, and the instruments our series took. */
export interface ScriptRun {
  collections: ResourceMetrics[][];
  /** Names of our histogram storages holding at least one series (none on the plain-OTel pipeline). */
  ownHistograms: string[];
  /** Names of our counter and up-down counter storages holding at least one series. */
  ownSums: string[];
}

/** Runs `script` on a fresh pipeline (`own`: our series; else the plain-OTel baseline), from the same clock start. */
export async function runScript(own: boolean, spec: PipelineSpec, script: Script): Promise<ScriptRun> {
  const clock = fakeClock();
  const pipeline = buildTestPipeline(own, spec);
  const collections: ResourceMetrics[][] = [];
  try {
    await script({
      provider: pipeline.provider,
      collect: async () => void collections.push(await pipeline.collect()),
      advance: (ms) => clock.advance(ms),
    });
  } finally {
    await pipeline.shutdown();
    clock.restore();
  }
  return { collections, ownHistograms: storageNames(pipeline.storages, ['histogram']), ownSums: storageNames(pipeline.storages, ['counter', 'upDownCounter']) };
}

/** Deterministic pseudo-random integers (a small LCG), so both pipelines see the same measurements. */
export function sequence(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

/**
 * Dyadic values (k / 64): every sum is exact, so the two paths agree bit for bit whatever the
 * summation order (OTel sums per collection interval, then merges; our series keep one running
 * sum). Values land below, on and above the bounds used by the scenarios.
 */
export function dyadic(k: number): number {
  return k / 64;
}

export const DYADIC_BUCKETS = [0.125, 0.25, 0.5, 1, 2, 4, 8];

const TOOLS = ['get_weather', 'search', 'fetch', 'calc', 'translate'];

/** Frozen attribute objects built once per (method, tool), as the MCP instrumentation builds them. */
export function frozenOperationAttributes(): Attributes[] {
  return TOOLS.map((tool, i) =>
    Object.freeze({
      'mcp.method.name': 'tools/call',
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': tool,
      'mcp.protocol.version': '2025-06-18',
      ...(i === 4 && { 'error.type': 'tool_error' }),
    }),
  );
}

/** The same attribute sets as fresh, mutable literals, in another key order (same series). */
export function freshOperationAttributes(index: number): Attributes {
  const tool = TOOLS[index]!;
  return {
    'gen_ai.tool.name': tool,
    'mcp.protocol.version': '2025-06-18',
    'mcp.method.name': 'tools/call',
    'gen_ai.operation.name': 'execute_tool',
    ...(index === 4 && { 'error.type': 'tool_error' }),
  };
}

/** The MCP meter's two operation histograms plus an app meter mixing a histogram and a counter. */
export function mcpInstruments(provider: MeterProvider, buckets: number[] = DYADIC_BUCKETS): {
  server: Histogram;
  client: Histogram;
  app: Histogram;
  count: (attributes?: Attributes) => void;
} {
  const mcp = provider.getMeter('@mcp-otel/instrumentation/mcp', '0.1.0');
  const options = (description: string) => ({ description, unit: 's', advice: { explicitBucketBoundaries: buckets } });
  const appMeter = provider.getMeter('my-app', undefined, { schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' });
  const counter = appMeter.createCounter('app.calls', { description: 'Calls' });
  return {
    server: mcp.createHistogram('mcp.server.operation.duration', options('MCP request duration on the receiver.')),
    client: mcp.createHistogram('mcp.client.operation.duration', options('MCP request duration on the sender.')),
    app: appMeter.createHistogram('app.latency', { unit: 'ms' }),
    count: (attributes) => counter.add(1, attributes),
  };
}

/**
 * The main workload: operations with reused frozen attribute objects and with equal fresh literals,
 * values across every bucket, an app histogram with default boundaries and no attributes, series
 * that go idle for an interval, `collections` collections.
 */
export function mcpWorkload(collections: number, seed = 1, buckets?: number[]): Script {
  return async ({ provider, collect, advance }) => {
    const next = sequence(seed);
    const instruments = mcpInstruments(provider, buckets);
    const frozen = frozenOperationAttributes();
    for (let c = 0; c < collections; c++) {
      // Interval c uses tools 0..(c % 5): some series idle in some intervals.
      const tools = 1 + ((c * 3) % frozen.length);
      for (let i = 0; i < 60; i++) {
        const tool = next(tools);
        const attributes = next(3) === 0 ? freshOperationAttributes(tool) : frozen[tool];
        instruments.server.record(dyadic(next(700)), attributes);
        instruments.client.record(dyadic(next(700)), attributes);
        if (i % 7 === 0) instruments.app.record(next(12_000), next(2) === 0 ? undefined : {});
        if (i % 5 === 0) instruments.count({ tool: String(tool) });
        if (i % 11 === 0) advance(3);
      }
      advance(1000);
      await collect();
    }
  };
}
