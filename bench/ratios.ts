/**
 * The comparison ratios printed after the figures, each computed inside one run (both sides
 * measured in the same process, moments apart), then, over repeated runs, the median of the ratios.
 * A ratio whose figures are absent (a case not enabled yet) is left out.
 */
import type { Figure } from './lib/figures.js';

export interface RatioDef {
  id: string;
  label: string;
  numerator: string;
  /** One figure id, or several: the smallest of those present is used (e.g. the best competitor). */
  denominator: string | readonly string[];
}

/**
 * Competing MCP instrumentations measured in bench/cases/mcp-round-trip.ts (figure ids
 * `mcp.<impl>.overhead`), each in its own child process over a bare pair of that process. @arizeai/openinference-instrumentation-mcp is not one: it records
 * nothing (context propagation only, and only on the stdio / SSE / streamable-HTTP transports).
 */
export const MCP_COMPETITORS: readonly string[] = ['traceloop', 'shinzo'];

const ATTRS = [0, 2, 5] as const;
const INSTRUMENTS = ['counter', 'histogram'] as const;

function hotRatios(): RatioDef[] {
  const defs: RatioDef[] = [];
  for (const inst of INSTRUMENTS) {
    const floor = `hot.${inst}.${inst === 'counter' ? 'map' : 'floor'}.a0`;
    const r = (name: string, a: number, num: string, den: string, label: string) =>
      defs.push({ id: `ratio.hot.${inst}.${name}.a${a}`, label: `${inst} ${a} attrs: ${label}`, numerator: `hot.${inst}.${num}.a${a}`, denominator: den });
    for (const a of ATTRS) {
      r('otel-vs-prom', a, 'otel', `hot.${inst}.prom.a${a}`, 'OTel SDK / prom-client (time)');
      r('otel-vs-floor', a, 'otel', floor, 'OTel SDK / floor');
      r('otel-2r-vs-otel', a, 'otel-2r', `hot.${inst}.otel.a${a}`, 'OTel 2 readers / 1 reader');
      r('otel-2r-view-vs-otel', a, 'otel-2r-view', `hot.${inst}.otel.a${a}`, 'OTel 2 readers + view / 1 reader');
      r('otel-vs-facade', a, 'otel', `hot.${inst}.facade.a${a}`, 'OTel SDK / mcp-otel facade (speed-up)');
      r('facade-vs-prom', a, 'facade', `hot.${inst}.prom.a${a}`, 'mcp-otel facade / prom-client (time)');
      r('facade-2r-vs-facade', a, 'facade-2r', `hot.${inst}.facade.a${a}`, 'mcp-otel 2 readers / 1 reader');
      r('facade-bound-vs-floor', a, 'facade-bound', floor, 'mcp-otel bound handle / floor');
    }
    for (const a of [2, 5]) r('prom-child-vs-floor', a, 'prom-child', floor, 'prom-client bound child / floor');
  }
  return defs;
}

export const RATIOS: readonly RatioDef[] = [
  ...hotRatios(),
  { id: 'ratio.mcp.mcp-otel-vs-bare', label: 'mcp-otel instrumented / bare round trip', numerator: 'mcp.mcp-otel.call', denominator: 'mcp.bare.call' },
  // Cases run in a child process, each over the bare pair of its own process.
  ...['naive-otel', 'mcp-otel-child', 'als', ...MCP_COMPETITORS].map((impl) => ({
    id: `ratio.mcp.${impl}-vs-bare`,
    label: `${impl} / bare round trip (same child process)`,
    numerator: `mcp.${impl}.call`,
    denominator: `mcp.${impl}.baseline`,
  })),
  { id: 'ratio.mcp.mcp-otel-v2-vs-bare-v2', label: 'SDK 2.x: mcp-otel instrumented / bare round trip', numerator: 'mcp.mcp-otel-v2.call', denominator: 'mcp.bare-v2.call' },
  { id: 'ratio.mcp.mcp-otel-v2-child-vs-bare', label: 'mcp-otel-v2-child / bare 2.x round trip (same child process)', numerator: 'mcp.mcp-otel-v2-child.call', denominator: 'mcp.mcp-otel-v2-child.baseline' },
  {
    id: 'ratio.mcp.mcp-otel-v2-vs-best-competitor',
    // The competitors instrument SDK 1.x only: their 1.x overhead against ours on 2.x, measured alike.
    label: 'SDK 2.x: mcp-otel overhead / best competing instrumentation overhead (on 1.x; all in child processes)',
    numerator: 'mcp.mcp-otel-v2-child.overhead',
    denominator: MCP_COMPETITORS.map((impl) => `mcp.${impl}.overhead`),
  },
  {
    id: 'ratio.mcp.mcp-otel-vs-best-competitor',
    // Both sides measured alike: each in its own child process, over a bare pair of that process.
    label: 'mcp-otel overhead / best competing instrumentation overhead (all in child processes)',
    numerator: 'mcp.mcp-otel-child.overhead',
    denominator: MCP_COMPETITORS.map((impl) => `mcp.${impl}.overhead`),
  },
  ...(['1k', '10k', '50k'] as const).flatMap((size) => [
    { id: `ratio.scrape.otel-vs-prom.${size}`, label: `/metrics ${size} series: OTel / prom-client (time)`, numerator: `scrape.otel.${size}.ms`, denominator: `scrape.prom.${size}.ms` },
    { id: `ratio.scrape.otel-vs-prom-cpu.${size}`, label: `/metrics ${size} series: OTel / prom-client (CPU time)`, numerator: `scrape.otel.${size}.cpu`, denominator: `scrape.prom.${size}.cpu` },
    { id: `ratio.scrape.mcp-otel-vs-prom.${size}`, label: `/metrics ${size} series: mcp-otel / prom-client (time)`, numerator: `scrape.mcp-otel.${size}.ms`, denominator: `scrape.prom.${size}.ms` },
  ]),
  // Issue 13: wrapped over bare, same process, moments apart.
  { id: 'ratio.cmp.map', label: 'instrumentCache Map.get hit / bare Map.get', numerator: 'cmp.map.mcp-otel', denominator: 'cmp.map.bare' },
  { id: 'ratio.cmp.lru', label: 'instrumentCache lru-cache get hit / bare lru-cache get', numerator: 'cmp.lru.mcp-otel', denominator: 'cmp.lru.bare' },
  { id: 'ratio.cmp.wasm', label: 'instrumentWasm export call / bare export call', numerator: 'cmp.wasm.mcp-otel', denominator: 'cmp.wasm.bare' },
  // Issue 9: our OTLP encoders against otlp-transformer's serializers, same collection, same run.
  { id: 'ratio.otlp.json.ours-vs-otel', label: 'OTLP/JSON encode: encodeOtlpJson / OTel JsonMetricsSerializer (time)', numerator: 'otlp.json.ours', denominator: 'otlp.json.otel' },
  { id: 'ratio.otlp.protobuf.ours-vs-otel', label: 'OTLP protobuf encode: encodeOtlpProtobuf / OTel ProtobufMetricsSerializer (time)', numerator: 'otlp.protobuf.ours', denominator: 'otlp.protobuf.otel' },
  { id: 'ratio.otlp.bundle.ours-vs-otel.gzip', label: 'OTLP encoders browser bundle, minified + gzip: ours / OTel serializers', numerator: 'otlp.bundle.ours.gzip', denominator: 'otlp.bundle.otel.gzip' },
  // Issue 15: both bundles built by esbuild in the same run.
  { id: 'ratio.bundle.ours-vs-otel.gzip', label: 'browser bundle, minified + gzip: mcp-otel / raw OTel program', numerator: 'bundle.ours.gzip', denominator: 'bundle.otel.gzip' },
  // The floor: what OTel's SDK plus instrumentMcpClient weigh alone; above 1.15 the budget is out of reach.
  { id: 'ratio.bundle.floor-vs-otel.gzip', label: 'browser bundle, minified + gzip: floor (OTel SDK + instrumentMcpClient) / raw OTel program', numerator: 'bundle.floor.gzip', denominator: 'bundle.otel.gzip' },
  { id: 'ratio.bundle.ours-vs-otel.min', label: 'browser bundle, minified: mcp-otel / raw OTel program', numerator: 'bundle.ours.min', denominator: 'bundle.otel.min' },
  ...(['counter', 'histogram'] as const).flatMap((kind) => [
    { id: `ratio.heap.otel-vs-prom.${kind}`, label: `heap per ${kind} series: OTel / prom-client`, numerator: `heap.otel.${kind}`, denominator: `heap.prom.${kind}` },
    { id: `ratio.heap.mcp-otel-vs-otel.${kind}`, label: `heap per ${kind} series: mcp-otel / OTel`, numerator: `heap.mcp-otel.${kind}`, denominator: `heap.otel.${kind}` },
  ]),
];

/** The ratios computable from `figures` (typically one run of one group). */
export function computeRatios(figures: readonly Figure[]): Figure[] {
  const values = new Map(figures.map((f) => [f.id, f.value]));
  const out: Figure[] = [];
  for (const def of RATIOS) {
    const num = values.get(def.numerator);
    const dens = (typeof def.denominator === 'string' ? [def.denominator] : def.denominator)
      .map((id) => values.get(id))
      .filter((v): v is number => v !== undefined);
    if (num === undefined || dens.length === 0) continue;
    out.push({ id: def.id, label: def.label, value: num / Math.min(...dens), unit: 'x' });
  }
  return out;
}
