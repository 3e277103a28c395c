import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { HistoryReader } from '../../src/history/history-reader';
import { HistoryStore } from '../../src/history/history-store';

describe('history under a cardinality burst', () => {
  it('holds at most maxSeries series, preallocated, counts the rest, and recovers once the burst is over', async () => {
    const reader = new HistoryReader({ cardinalityLimit: 100_000 });
    const provider = new MeterProvider({ readers: [reader] });
    const calls = provider.getMeter('burst').createUpDownCounter('burst.sessions');
    const store = new HistoryStore({ capacity: 61, maxSeries: 1_000 });
    let time = 0;
    const collect = async () => store.ingest((await reader.collect()).resourceMetrics, (time += 15_000));

    for (let wave = 0; wave < 4; wave++) {
      for (let i = 0; i < 5_000; i++) calls.add(1, { session: `s-${wave}-${i}` });
      await collect();
      const stats = store.stats();
      expect(stats.series).toBe(1_000);
      expect(stats.bufferBytes).toBe(1_000 * 61 * 8);
    }
    // Cumulative: every wave reports all sessions so far; 1000 of them are stored at each collection.
    expect(store.stats().droppedPoints).toBe(4_000 + 9_000 + 14_000 + 19_000);

    // The burst ends (the series stop being reported): after a window they are evicted and new series fit again.
    await provider.shutdown();
    const quiet = new HistoryReader({ cardinalityLimit: 10 });
    const after = new MeterProvider({ readers: [quiet] });
    after.getMeter('calm').createCounter('calm.calls').add(1, { tool: 'echo' });
    for (let i = 0; i < 61; i++) store.ingest((await quiet.collect()).resourceMetrics, (time += 15_000));
    expect(store.stats()).toMatchObject({ series: 0, bufferBytes: 0 }); // the burst is evicted; the store was full until now
    store.ingest((await quiet.collect()).resourceMetrics, (time += 15_000));
    expect(store.stats()).toMatchObject({ series: 1, bufferBytes: 61 * 8 });
    await after.shutdown();
  });
});
