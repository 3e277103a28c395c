/**
 * The `mcp-otel-v2` case (SDK 2.x, ../mcp-round-trip-v2.ts) in a child process of its own, timed
 * against a bare 2.x pair of the same process, as the competitors are on 1.x: the figure of the
 * "quarter of the best competitor" ratio for 2.x.
 */
import type { RunningChildCase } from './protocol.js';

export async function start(): Promise<RunningChildCase> {
  const { asPairFixture, connectPairV2, mcpOtelPairV2 } = await import('../mcp-round-trip-v2.js');
  const baseline = await connectPairV2();
  const { fixture, sdk } = await mcpOtelPairV2();
  return {
    fixture: asPairFixture(fixture),
    baseline: asPairFixture(baseline),
    flushAndCount: async () => ({ spans: 0, metricPoints: await sdk.points() }),
    notes: [],
    shutdown: () => sdk.shutdown(),
  };
}
