/**
 * Group `mcp`: µs per `tools/call` round trip for each case of bench/cases/mcp-round-trip.ts, the
 * overhead over the bare SDK, and the process-wide side effects each instrumentation causes.
 *
 * Timing: all fixtures stay connected, are warmed up to the JIT's steady state and are measured
 * in interleaved short batches in rotating order (bench/lib/interleaved-batches.ts), so a slow
 * phase of this shared machine hits every case alike; each figure is the median of the per-batch
 * means. Batches are short (10 calls, well under a millisecond) so that most contain no
 * preemption by other processes. This assumes instrumentations wrap instances, not prototypes (a
 * prototype patch would slow the bare case too, and shows up as a side effect anyway).
 *
 * A case whose fixture has `timeBatch` runs in its own child process (the competitors: require
 * hooks, prototype patches, global context managers; and the reference cases, whose garbage and
 * code would otherwise weigh on the cases sharing this process): in its turn of the interleaving,
 * the child times one batch of its instrumented pair and one of a bare pair of its own process, which is
 * that case's zero (two processes running the same code differ by several µs); this process
 * waits idle meanwhile. These run after the in-process rounds, interleaved among themselves. Their
 * side effects are probed in the child too. A fixture with `recorded` is
 * flushed after the run, and a case that recorded nothing is not reported.
 */
import { MCP_CASES, type McpCase, type McpFixture, type Recorded } from '../cases/mcp-round-trip.js';
import { MCP_V2_CASES } from '../cases/mcp-round-trip-v2.js';
import { median, type Figure, type GroupResult } from '../lib/figures.js';
import { timeInterleaved, WARMUP_CALLS } from '../lib/interleaved-batches.js';
import { startSideEffectProbe, type SideEffectCounts } from '../lib/side-effects.js';
import type { GroupOptions } from './group-options.js';

const PROBE_CALLS = 200;

interface Prepared {
  impl: string;
  label: string;
  /** The in-process bare case of its SDK line. */
  baselineImpl: string;
  fixture: McpFixture;
  effects: SideEffectCounts;
  contextManagerBefore: boolean;
  samples: number[];
  /** Batches of the bare pair in the case's own process (cases timed in a child process). */
  baselineSamples: number[];
  notes: string[];
  recorded?: Recorded;
}

/** Sets a case up and runs a few calls with the side-effect probe on (this doubles as warmup). */
async function prepare({ impl, label, setup, baselineImpl = 'bare' }: McpCase): Promise<Prepared> {
  const probe = startSideEffectProbe();
  const contextManagerBefore = probe.read().contextManagerRegistered;
  try {
    const fixture = await setup();
    for (let i = 0; i < PROBE_CALLS; i++) await fixture.call();
    const remote = fixture.sideEffects;
    if (remote !== undefined) {
      const { counts, contextManagerBefore: before, notes } = remote;
      return { impl, label, baselineImpl, fixture, effects: counts, contextManagerBefore: before, samples: [], baselineSamples: [], notes };
    }
    return { impl, label, baselineImpl, fixture, effects: probe.read(), contextManagerBefore, samples: [], baselineSamples: [], notes: [] };
  } finally {
    probe.stop();
  }
}

/** Side effects beyond what the bare SDK causes for the same calls (0 for a clean instrumentation). */
function extraSideEffects(c: Prepared, bare: Prepared): number {
  const perCall = (n: number) => n / PROBE_CALLS;
  return (
    c.effects.asyncHooksCreated +
    (c.effects.contextManagerRegistered && !c.contextManagerBefore ? 1 : 0) +
    Math.max(0, perCall(c.effects.timersScheduled - bare.effects.timersScheduled)) +
    Math.max(0, perCall(c.effects.asyncLocalStorageEntered - bare.effects.asyncLocalStorageEntered))
  );
}

export async function runMcpRoundTrip(options: GroupOptions): Promise<GroupResult> {
  const cases: Prepared[] = [];
  // The 1.x and 2.x SDK lines (each 2.x case over the 2.x bare pair).
  for (const c of [...MCP_CASES, ...MCP_V2_CASES]) cases.push(await prepare(c));
  const bare = cases.find((c) => c.impl === 'bare')!;
  const rounds = options.quick ? 100 : 400;
  const callsPerBatch = 10;
  // In-process cases first, on their own: a child-process case in their rounds would leave this
  // process idle and cold before its next batch (measured: +2 to +4 µs on whichever case follows).
  const local = cases.filter((c) => c.fixture.timeBatch === undefined);
  const remote = cases.filter((c) => c.fixture.timeBatch !== undefined);
  // A child times its bare and its instrumented pair back to back, each after these untimed calls
  // (the first calls after waiting on the other processes meet cold caches).
  const childWarmCalls = 2;
  try {
    // Cases timed in a child warm up there (bench/cases/competitors/competitor-child.ts).
    const timed = await timeInterleaved(
      local.map((c) => c.fixture),
      { warmupCalls: WARMUP_CALLS - PROBE_CALLS, rounds, callsPerBatch },
    );
    local.forEach((c, i) => c.samples.push(...timed[i]!));
    for (let r = 0; r < rounds; r++) {
      for (const c of remote) {
        const { us, baselineUs } = await c.fixture.timeBatch!(callsPerBatch, childWarmCalls);
        c.samples.push(us);
        c.baselineSamples.push(baselineUs);
      }
    }
    for (const c of cases) {
      try {
        c.recorded = await c.fixture.recorded?.();
      } catch (error) {
        c.recorded = { spans: 0, metricPoints: 0, calls: 0 };
        c.notes.push(`flush failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    for (const c of cases) await c.fixture.close();
  }

  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const c of cases) {
    if (c.recorded !== undefined && c.recorded.spans + c.recorded.metricPoints === 0) {
      notes.push(`${c.impl}: recorded no span and no metric point over ${c.recorded.calls} calls: not reported`, ...c.notes.map((n) => `${c.impl}: ${n}`));
      continue;
    }
    for (const note of c.notes) notes.push(`${c.impl}: ${note}`);
    const us = median(c.samples);
    figures.push({ id: `mcp.${c.impl}.call`, label: c.label, value: us, unit: 'us' });
    // Its SDK line's bare pair in this process (a 2.x case is compared with the 2.x bare pair).
    const lineBare = cases.find((b) => b.impl === c.baselineImpl) ?? bare;
    if (c === lineBare) continue;
    const ownBaseline = c.baselineSamples.length > 0;
    const baseUs = ownBaseline ? median(c.baselineSamples) : median(lineBare.samples);
    const over = ownBaseline ? ' (over the bare pair of its process)' : '';
    if (ownBaseline) figures.push({ id: `mcp.${c.impl}.baseline`, label: `${c.impl}: bare round trip in the same child process`, value: baseUs, unit: 'us' });
    figures.push(
      { id: `mcp.${c.impl}.overhead`, label: `${c.impl}: added per round trip${over}`, value: us - baseUs, unit: 'us' },
      { id: `mcp.${c.impl}.overhead-pct`, label: `${c.impl}: added per round trip${over}`, value: ((us - baseUs) / baseUs) * 100, unit: '%' },
      {
        id: `mcp.${c.impl}.side-effects`,
        label: `${c.impl}: async hooks + context manager + extra timers/ALS per call`,
        value: Math.round(extraSideEffects(c, lineBare) * 1000) / 1000,
        unit: 'count',
      },
    );
    if (c.recorded !== undefined) {
      const { spans, metricPoints, calls } = c.recorded;
      figures.push(
        { id: `mcp.${c.impl}.spans-per-call`, label: `${c.impl}: spans exported per round trip (flushed after the run)`, value: Math.round((spans / calls) * 100) / 100, unit: 'count' },
        { id: `mcp.${c.impl}.metric-points`, label: `${c.impl}: metric data points collected after the run`, value: metricPoints, unit: 'count' },
      );
    }
  }
  if (!cases.some((c) => c.impl === 'mcp-otel')) {
    notes.push('pending: mcp-otel instrumentation case (bench/cases/mcp-round-trip.ts)');
  }
  return { group: 'mcp', figures, notes };
}
