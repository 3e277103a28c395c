/**
 * Group `mcp`: µs per `tools/call` round trip for each case of bench/cases/mcp-round-trip.ts, the
 * overhead over the bare SDK, and the process-wide side effects each instrumentation causes.
 *
 * Timing: all fixtures stay connected and are measured in interleaved short batches (bare, case 2,
 * ..., bare, case 2, ...), so a slow phase of this shared machine hits every case alike; each
 * figure is the median of the per-batch means. Batches are short (10 calls, well under a
 * millisecond) so that most contain no preemption by other processes. This assumes instrumentations wrap instances, not prototypes
 * (a prototype patch would slow the bare case too, and shows up as a side effect anyway).
 */
import { performance } from 'node:perf_hooks';
import { MCP_CASES, type McpFixture } from '../cases/mcp-round-trip.js';
import { median, type Figure, type GroupResult } from '../lib/figures.js';
import { startSideEffectProbe, type SideEffectCounts } from '../lib/side-effects.js';
import type { GroupOptions } from './group-options.js';

const PROBE_CALLS = 200;

interface Prepared {
  impl: string;
  label: string;
  fixture: McpFixture;
  effects: SideEffectCounts;
  contextManagerBefore: boolean;
  samples: number[];
}

/** Sets a case up and runs a few calls with the side-effect probe on (this doubles as warmup). */
async function prepare(impl: string, label: string, setup: () => Promise<McpFixture>): Promise<Prepared> {
  const probe = startSideEffectProbe();
  const contextManagerBefore = probe.read().contextManagerRegistered;
  try {
    const fixture = await setup();
    for (let i = 0; i < PROBE_CALLS; i++) await fixture.call();
    return { impl, label, fixture, effects: probe.read(), contextManagerBefore, samples: [] };
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
  for (const c of MCP_CASES) cases.push(await prepare(c.impl, c.label, c.setup));
  const bare = cases.find((c) => c.impl === 'bare')!;
  const rounds = options.quick ? 100 : 400;
  const callsPerBatch = 10;
  try {
    for (let r = 0; r < rounds; r++) {
      for (const c of cases) {
        const t0 = performance.now();
        for (let i = 0; i < callsPerBatch; i++) await c.fixture.call();
        c.samples.push(((performance.now() - t0) * 1000) / callsPerBatch);
      }
    }
  } finally {
    for (const c of cases) await c.fixture.close();
  }

  const figures: Figure[] = [];
  const bareUs = median(bare.samples);
  for (const c of cases) {
    const us = median(c.samples);
    figures.push({ id: `mcp.${c.impl}.call`, label: c.label, value: us, unit: 'us' });
    if (c === bare) continue;
    figures.push(
      { id: `mcp.${c.impl}.overhead`, label: `${c.impl}: added per round trip`, value: us - bareUs, unit: 'us' },
      { id: `mcp.${c.impl}.overhead-pct`, label: `${c.impl}: added per round trip`, value: ((us - bareUs) / bareUs) * 100, unit: '%' },
      {
        id: `mcp.${c.impl}.side-effects`,
        label: `${c.impl}: async hooks + context manager + extra timers/ALS per call`,
        value: extraSideEffects(c, bare),
        unit: 'count',
      },
    );
  }
  const notes: string[] = [];
  if (!cases.some((c) => c.impl === 'mcp-otel')) {
    notes.push('pending: mcp-otel instrumentation case (bench/cases/mcp-round-trip.ts)');
  }
  return { group: 'mcp', figures, notes };
}
