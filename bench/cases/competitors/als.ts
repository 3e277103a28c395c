/**
 * Reference, not a competitor: what an enabled AsyncLocalStorage costs the bare round trip in
 * Node 20, where it turns on async hooks for every promise of the process. An OTel
 * `AsyncLocalStorageContextManager` (registered by `NodeTracerProvider.register()` and by
 * `NodeSDK`, so by both competitors) enables one on its first `context.with`. The same bare pair
 * is timed with the storage disabled (baseline) and entered (instrumented), batch by batch. This
 * is the process-wide cost the competitors' overhead figures leave out: it slows their baseline
 * pair as much as their instrumented one, and every other promise in the process too.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RunningChildCase } from './protocol.js';

export async function start(): Promise<RunningChildCase> {
  const { connectPair } = await import('../mcp-round-trip.js');
  const fixture = await connectPair();
  const storage = new AsyncLocalStorage<object>();
  const store = {};
  return {
    fixture,
    baseline: fixture,
    beforeBatch: (side) => (side === 'instrumented' ? storage.enterWith(store) : storage.disable()),
    flushAndCount: async () => ({ spans: 0, metricPoints: 0 }), // not asked: records nothing
    notes: [],
    shutdown: async () => storage.disable(),
  };
}
