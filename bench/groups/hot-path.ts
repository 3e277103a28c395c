/**
 * Group `hot-path`: ns per recording for every case of bench/cases/hot-path.ts, measured with
 * mitata in one process, so the rows (floor, OTel, prom-client, mcp-otel) compare within a run.
 *
 * Against a shared, loaded machine: every fixture is set up first, then the cases are measured in
 * interleaved rounds (case 1, case 2, ..., case 1, case 2, ...), each a short mitata measurement;
 * a case's figure is the median of its rounds' medians, so a burst of load from other processes
 * lands on one round of every case instead of on all samples of one case.
 */
import { expandHotPathCases, type HotPathFixture } from '../cases/hot-path.js';
import { median, type Figure, type GroupResult } from '../lib/figures.js';
import { measureNs } from '../lib/measure-ns.js';
import type { GroupOptions } from './group-options.js';

export async function runHotPath(options: GroupOptions): Promise<GroupResult> {
  const cases = expandHotPathCases().map((c) => ({ ...c, fixture: undefined as HotPathFixture | undefined, rounds: [] as number[] }));
  const rounds = options.quick ? 3 : 5;
  const minCpuMs = options.quick ? 80 : 150;
  try {
    for (const c of cases) c.fixture = c.entry.setup(c.attrs);
    for (let r = 0; r < rounds; r++) {
      for (const c of cases) c.rounds.push((await measureNs(c.fixture!.fn, { minCpuMs })).p50);
    }
  } finally {
    for (const c of cases) await c.fixture?.close?.();
  }
  const figures: Figure[] = cases.map((c) => ({ id: c.id, label: c.label, value: median(c.rounds), unit: 'ns' }));
  const notes: string[] = [];
  if (!figures.some((f) => f.id.includes('.facade'))) {
    notes.push('pending: mcp-otel facade cases (bench/cases/hot-path.ts)');
  }
  return { group: 'hot-path', figures, notes };
}
