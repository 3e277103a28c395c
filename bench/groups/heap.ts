/**
 * Group `heap`: bytes of heap retained per series, per implementation of
 * bench/cases/series-impls.ts, for counter series and for histogram series (15 bounds).
 *
 * Method: create the store and its instrument and write one series (fixed costs), full GC, read
 * `heapUsed`; write N more series whose unique label strings are created in that window (so they
 * count, as they would in an application), full GC, read again: (after - before) / N. Needs
 * `node --expose-gc`. Median of 3 repetitions, each on a fresh store.
 */
import { SERIES_IMPLS, type SeriesImpl } from '../cases/series-impls.js';
import { median, type Figure, type GroupResult } from '../lib/figures.js';
import type { GroupOptions } from './group-options.js';

const LABELS = ['mcp_method_name', 'gen_ai_tool_name'];

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the heap group needs `node --expose-gc` (npm run bench passes it)');
  gc();
  gc();
}

/** Bytes retained per series for one repetition. */
async function bytesPerSeries(impl: SeriesImpl, kind: 'counter' | 'histogram', n: number): Promise<number> {
  const store = impl.create();
  try {
    const write =
      kind === 'counter'
        ? store.counter('bench_heap_total', LABELS)
        : ((record) => (labels: Record<string, string>) => record(labels, 42))(store.histogram('bench_heap_duration', LABELS));
    write({ mcp_method_name: 'tools/call', gen_ai_tool_name: 'warm' });
    fullGc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < n; i++) write({ mcp_method_name: 'tools/call', gen_ai_tool_name: `tool_name_${i}` });
    fullGc();
    const after = process.memoryUsage().heapUsed;
    return (after - before) / n;
  } finally {
    await store.close();
  }
}

export async function runHeap(options: GroupOptions): Promise<GroupResult> {
  const n = options.quick ? 5_000 : 20_000;
  const figures: Figure[] = [];
  for (const impl of SERIES_IMPLS) {
    for (const kind of ['counter', 'histogram'] as const) {
      const runs: number[] = [];
      for (let r = 0; r < 3; r++) runs.push(await bytesPerSeries(impl, kind, n));
      figures.push({
        id: `heap.${impl.impl}.${kind}`,
        label: `${impl.label}: retained per ${kind} series${kind === 'histogram' ? ' (15 bounds)' : ''}, labels included`,
        value: median(runs),
        unit: 'B',
      });
    }
  }
  const notes: string[] = [];
  if (!SERIES_IMPLS.some((i) => i.impl === 'mcp-otel')) notes.push('pending: mcp-otel heap rows (bench/cases/series-impls.ts)');
  return { group: 'heap', figures, notes };
}
