/**
 * Reference: the hand-written raw-OTel metrics of `naiveOtelPair` (../mcp-round-trip.ts) in a child
 * process of its own, against a bare pair of that process. Not in the group's process: its per-call
 * garbage and OTel's attribute hashing slowed whatever shared that process with it (measured: the
 * in-process mcp-otel case about 0.17 µs slower per round trip with it than without).
 */
import type { RunningChildCase } from './protocol.js';

export async function start(): Promise<RunningChildCase> {
  const { collectedPoints, connectPair, naiveOtelPair } = await import('../mcp-round-trip.js');
  const baseline = await connectPair();
  const { fixture, otel } = await naiveOtelPair();
  return {
    fixture,
    baseline,
    flushAndCount: async () => ({ spans: 0, metricPoints: await collectedPoints(otel) }),
    notes: [],
    shutdown: () => otel.shutdown(),
  };
}
