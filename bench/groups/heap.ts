/**
 * Group `heap`: bytes of heap retained per series, per implementation of
 * bench/cases/series-impls.ts, for counter series and for histogram series (15 bounds).
 *
 * Method: create the store and its instruments and write one series in each (fixed costs), full
 * GC, read `heapUsed`; write N more series whose unique label strings are created in that window
 * (so they count, as they would in an application), full GC, read again: (after - before) / N.
 * Needs `node --expose-gc`. Each repetition on a fresh store; median of 3.
 *
 * Two layouts because a cache can make the cost per series depend on the count per instrument
 * (the mcp-otel facade keeps up to 1000 handles per instrument): 10 instruments x 1000 series
 * (all cached) and 1 instrument x 20,000 series. `heap.<impl>.<kind>` is the larger of the two,
 * which the targets check.
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

/** Bytes retained per series for one repetition: `instruments` x `perInstrument` new series. */
async function bytesPerSeries(impl: SeriesImpl, kind: 'counter' | 'histogram', instruments: number, perInstrument: number): Promise<number> {
  const store = impl.create();
  try {
    const writers = Array.from({ length: instruments }, (_, m) =>
      kind === 'counter'
        ? store.counter(`bench_heap_${m}_total`, LABELS)
        : ((record) => (labels: Record<string, string>) => record(labels, 42))(store.histogram(`bench_heap_${m}_duration`, LABELS)),
    );
    for (const write of writers) write({ mcp_method_name: 'tools/call', gen_ai_tool_name: 'warm' });
    fullGc();
    const before = process.memoryUsage().heapUsed;
    for (const write of writers) {
      for (let i = 0; i < perInstrument; i++) write({ mcp_method_name: 'tools/call', gen_ai_tool_name: `tool_name_${i}` });
    }
    fullGc();
    const after = process.memoryUsage().heapUsed;
    return (after - before) / (instruments * perInstrument);
  } finally {
    await store.close();
  }
}

export async function runHeap(options: GroupOptions): Promise<GroupResult> {
  const layouts = [
    { key: '10x1k', instruments: 10, perInstrument: options.quick ? 500 : 1_000 },
    { key: '1x20k', instruments: 1, perInstrument: options.quick ? 5_000 : 20_000 },
  ];
  const figures: Figure[] = [];
  for (const impl of SERIES_IMPLS) {
    for (const kind of ['counter', 'histogram'] as const) {
      const what = `${impl.label}: retained per ${kind} series${kind === 'histogram' ? ' (15 bounds)' : ''}, labels included`;
      const bySize: number[] = [];
      for (const layout of layouts) {
        const runs: number[] = [];
        for (let r = 0; r < 3; r++) runs.push(await bytesPerSeries(impl, kind, layout.instruments, layout.perInstrument));
        bySize.push(median(runs));
        const where = `${layout.instruments} instrument(s) x ${layout.perInstrument} series`;
        figures.push({ id: `heap.${impl.impl}.${kind}.${layout.key}`, label: `${what}, ${where}`, value: median(runs), unit: 'B' });
      }
      figures.push({ id: `heap.${impl.impl}.${kind}`, label: `${what}, larger of the two layouts`, value: Math.max(...bySize), unit: 'B' });
    }
  }
  const notes: string[] = [];
  if (!SERIES_IMPLS.some((i) => i.impl === 'mcp-otel')) notes.push('pending: mcp-otel heap rows (bench/cases/series-impls.ts)');
  return { group: 'heap', figures, notes };
}
