/**
 * Control: mcp-otel's default instrumentation (the `mcp-otel` case of ../mcp-round-trip.ts) in a
 * child process of its own, timed there against a bare pair of the same process, exactly like the
 * competitors: the "quarter of the best competitor" ratio uses this figure so that both sides are
 * measured alike (and its gap to the in-process `mcp-otel` figure shows what the method costs).
 */
import type { RunningChildCase } from './protocol.js';

export async function start(): Promise<RunningChildCase> {
  const { connectPair, mcpOtelPair } = await import('../mcp-round-trip.js');
  const baseline = await connectPair();
  const { fixture, sdk } = await mcpOtelPair();
  return {
    fixture,
    baseline,
    flushAndCount: async () => ({ spans: 0, metricPoints: await sdk.points() }),
    notes: [],
    shutdown: () => sdk.shutdown(),
  };
}
