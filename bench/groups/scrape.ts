/**
 * Group `scrape`: serving `/metrics` over HTTP for 1k, 10k and 50k series, per implementation of
 * bench/cases/series-impls.ts: total (wall) time, process CPU time (a cross-check that load from
 * other processes does not inflate), longest event-loop block, bytes, and how time grows from 1k
 * to 50k (1.00x = exactly linear, more = superlinear).
 *
 * Workload of N series: 80% counter series (4 counters, N/5 each) and 20% histogram series
 * (1 histogram, 15 bounds, 3 values each), every series with 2 labels (method, unique tool name).
 */
import { SERIES_IMPLS, type SeriesStore } from '../cases/series-impls.js';
import { median, type Figure, type GroupResult } from '../lib/figures.js';
import { serveMetrics, type ScrapeSample } from '../lib/http-scrape.js';
import type { GroupOptions } from './group-options.js';

/** Warm-up scrapes are not measured; 1k gets more, so JIT warm-up does not skew the growth figure. */
const SIZES = [
  { n: 1_000, key: '1k', warmups: 5, runs: 9 },
  { n: 10_000, key: '10k', warmups: 1, runs: 5 },
  { n: 50_000, key: '50k', warmups: 1, runs: 3 },
] as const;

const LABELS = ['mcp_method_name', 'gen_ai_tool_name'];

/** Writes the N-series workload described above. */
export function populate(store: SeriesStore, n: number): void {
  const perMetric = n / 5;
  for (let m = 0; m < 4; m++) {
    const write = store.counter(`bench_counter_${m}_total`, LABELS);
    for (let i = 0; i < perMetric; i++) write({ mcp_method_name: 'tools/call', gen_ai_tool_name: `tool_${i}` });
  }
  const record = store.histogram('bench_duration', LABELS);
  for (let i = 0; i < perMetric; i++) {
    const labels = { mcp_method_name: 'tools/call', gen_ai_tool_name: `tool_${i}` };
    for (let v = 0; v < 3; v++) record(labels, (i * 37 + v * 1013) % 12000);
  }
}

export async function runScrape(options: GroupOptions): Promise<GroupResult> {
  const figures: Figure[] = [];
  for (const impl of SERIES_IMPLS) {
    const msBySize = new Map<string, number>();
    for (const size of SIZES) {
      const store = impl.create();
      populate(store, size.n);
      const server = await serveMetrics(store.handler);
      const samples: ScrapeSample[] = [];
      try {
        for (let w = 0; w < size.warmups; w++) await server.scrape(); // JIT, first collection
        const runs = options.quick ? Math.min(size.runs, 3) : size.runs;
        for (let r = 0; r < runs; r++) samples.push(await server.scrape());
      } finally {
        await server.close();
        await store.close();
      }
      const ms = median(samples.map((s) => s.ms));
      msBySize.set(size.key, ms);
      const id = `scrape.${impl.impl}.${size.key}`;
      figures.push(
        { id: `${id}.ms`, label: `${impl.label}, ${size.key} series: total`, value: ms, unit: 'ms' },
        { id: `${id}.cpu`, label: `${impl.label}, ${size.key} series: process CPU time`, value: median(samples.map((s) => s.cpuMs)), unit: 'ms' },
        { id: `${id}.block`, label: `${impl.label}, ${size.key} series: longest event-loop block`, value: median(samples.map((s) => s.maxBlockMs)), unit: 'ms' },
        { id: `${id}.bytes`, label: `${impl.label}, ${size.key} series: body`, value: median(samples.map((s) => s.bytes)), unit: 'B' },
      );
      (globalThis as { gc?: () => void }).gc?.();
    }
    figures.push({
      id: `scrape.${impl.impl}.growth`,
      label: `${impl.label}: time 50k / 1k, divided by 50 (1.00x = linear)`,
      value: msBySize.get('50k')! / msBySize.get('1k')! / 50,
      unit: 'x',
    });
  }
  const notes: string[] = [];
  if (!SERIES_IMPLS.some((i) => i.impl === 'mcp-otel')) {
    notes.push('pending: mcp-otel row (bench/cases/series-impls.ts)');
  }
  return { group: 'scrape', figures, notes };
}
