/**
 * Child-process entry for one case of bench/cases/competitors/ (`node competitor-child.js <name>`):
 * nothing here loads the MCP SDK, so the case can register its require hook first. Runs the case's
 * setup and the instrumented pair's warmup under the side-effect probe, warms the baseline pair,
 * replies to request 0 with what it found, then serves the parent's requests (see protocol.ts)
 * until `close`.
 */
import Module from 'node:module';
import { performance } from 'node:perf_hooks';
import { WARMUP_CALLS } from '../../lib/interleaved-batches.js';
import { startSideEffectProbe } from '../../lib/side-effects.js';
import type { Recorded, RemoteSideEffects } from '../mcp-round-trip.js';
import type { BatchTimes, ChildCaseModule, ChildCaseName, ChildReply, ChildRequest, RunningChildCase } from './protocol.js';

/** Same count as the in-process probe of bench/groups/mcp-round-trip.ts. */
const PROBE_CALLS = 200;
const WARMUP_BATCH = 10;

const CASES: Record<ChildCaseName, () => Promise<ChildCaseModule>> = {
  'mcp-otel': () => import('./mcp-otel.js'),
  'mcp-otel-v2': () => import('./mcp-otel-v2.js'),
  'naive-otel': () => import('./naive-otel.js'),
  als: () => import('./als.js'),
  traceloop: () => import('./traceloop.js'),
  shinzo: () => import('./shinzo.js'),
};

function reply(message: ChildReply): void {
  process.send!(message);
}

async function setup(name: ChildCaseName): Promise<{ running: RunningChildCase; effects: RemoteSideEffects }> {
  const requireBefore = Module.prototype.require;
  const probe = startSideEffectProbe();
  const contextManagerBefore = probe.read().contextManagerRegistered;
  let running: RunningChildCase;
  let counts: RemoteSideEffects['counts'];
  try {
    running = await (await CASES[name]()).start();
    running.beforeBatch?.('instrumented');
    for (let i = 0; i < PROBE_CALLS; i++) await running.fixture.call();
    counts = probe.read();
  } finally {
    probe.stop();
  }
  // Warm both pairs to the steady state outside the probe (its per-call counts are the instrumented
  // pair's), in alternating batches as they are timed, as the in-process cases are.
  for (let i = PROBE_CALLS; i < WARMUP_CALLS; i += WARMUP_BATCH) {
    for (const side of ['baseline', 'instrumented'] as const) {
      running.beforeBatch?.(side);
      const fixture = side === 'baseline' ? running.baseline : running.fixture;
      for (let j = 0; j < WARMUP_BATCH; j++) await fixture.call();
    }
  }
  const notes = [...running.notes];
  if (Module.prototype.require !== requireBefore) notes.push('require hook installed (Module.prototype.require patched)');
  return { running, effects: { counts, contextManagerBefore, notes } };
}

/** µs per call of one batch on `side`, after its warmup calls. */
async function timeSide(running: RunningChildCase, side: 'baseline' | 'instrumented', calls: number, warmup: number): Promise<number> {
  running.beforeBatch?.(side);
  const fixture = side === 'baseline' ? running.baseline : running.fixture;
  for (let i = 0; i < warmup; i++) await fixture.call();
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await fixture.call();
  return ((performance.now() - t0) * 1000) / calls;
}

let baselineFirst = true;

async function serve(running: RunningChildCase, request: ChildRequest): Promise<unknown> {
  switch (request.op) {
    case 'call':
      running.beforeBatch?.('instrumented');
      await running.fixture.call();
      return undefined;
    case 'time': {
      // Alternate which pair goes first, so that neither always meets the colder caches.
      baselineFirst = !baselineFirst;
      const times: BatchTimes = { us: 0, baselineUs: 0 };
      for (const side of baselineFirst ? (['baseline', 'instrumented'] as const) : (['instrumented', 'baseline'] as const)) {
        const us = await timeSide(running, side, request.calls, request.warmup);
        if (side === 'baseline') times.baselineUs = us;
        else times.us = us;
      }
      return times;
    }
    case 'recorded': {
      const counts = await running.flushAndCount();
      return { ...counts, calls: running.fixture.callCount() } satisfies Recorded;
    }
    case 'close':
      await running.fixture.close();
      if (running.baseline !== running.fixture) await running.baseline.close();
      await running.shutdown();
      return undefined;
  }
}

async function main(): Promise<void> {
  const name = process.argv[2] as ChildCaseName;
  if (!(name in CASES)) throw new Error(`no such child case: ${name}`);
  const { running, effects } = await setup(name);
  process.on('message', (request: ChildRequest) => {
    serve(running, request).then(
      (value) => {
        reply({ id: request.id, value });
        if (request.op === 'close') process.disconnect();
      },
      (error: unknown) => reply({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  reply({ id: 0, value: effects });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`bench: child case ${process.argv[2] ?? '?'}: ${message}\n`);
  reply({ id: 0, error: message });
  process.disconnect();
});
