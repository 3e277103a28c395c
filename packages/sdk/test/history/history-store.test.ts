import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { HistoryReader } from '../../src/history/history-reader';
import { HistoryStore } from '../../src/history/history-store';
import { readPoints } from '../../src/history/read-points';
import { SeriesMatcher } from '../../src/history/series-matcher';
import { collection } from './collections';

const counter = (value: number, attributes = { tool: 'echo' }) => collection([{ name: 'calls', kind: 'counter', points: [{ attributes, value }] }]);

function pointsOf(store: HistoryStore, metric: string, attributes?: Record<string, string>) {
  return new SeriesMatcher({ metric, attributes }).select(store).map((series) => readPoints(store, series, -Infinity, Infinity).points);
}

describe('HistoryStore', () => {
  it('keeps each series in a ring of `capacity` points, oldest dropped first', () => {
    const store = new HistoryStore({ capacity: 3, maxSeries: 10 });
    for (let step = 1; step <= 5; step++) store.ingest(counter(step * 10), step * 1000);
    expect(pointsOf(store, 'calls')).toEqual([[{ time: 3000, value: 30 }, { time: 4000, value: 40 }, { time: 5000, value: 50 }]]);
    expect(store.stats()).toMatchObject({ series: 1, collections: 5, pointsPerSeries: 3, bufferBytes: 3 * 8 });
  });

  it('marks a collection without the series as a gap, and evicts a series absent for the whole window', () => {
    const store = new HistoryStore({ capacity: 3, maxSeries: 10 });
    store.ingest(counter(1), 1000);
    store.ingest(collection([]), 2000);
    store.ingest(counter(3), 3000);
    expect(pointsOf(store, 'calls')).toEqual([[{ time: 1000, value: 1 }, { time: 3000, value: 3 }]]);
    for (const time of [4000, 5000, 6000]) store.ingest(collection([]), time);
    expect(store.stats().series).toBe(0);
    expect(pointsOf(store, 'calls')).toEqual([]);
  });

  it('refuses new series beyond maxSeries, counts them, and admits new ones once old ones are evicted', () => {
    const store = new HistoryStore({ capacity: 2, maxSeries: 2 });
    const burst = collection([{ name: 'calls', kind: 'counter', points: ['a', 'b', 'c', 'd'].map((tool) => ({ attributes: { tool }, value: 1 })) }]);
    store.ingest(burst, 1000);
    expect(store.stats()).toMatchObject({ series: 2, droppedPoints: 2 });
    store.ingest(collection([]), 2000);
    store.ingest(collection([]), 3000);
    store.ingest(counter(5, { tool: 'z' }), 4000);
    expect(store.stats()).toMatchObject({ series: 1, droppedPoints: 2 });
  });

  it('refuses a collection whose time is not after the previous one', () => {
    const store = new HistoryStore({ capacity: 4, maxSeries: 10 });
    expect(store.ingest(counter(1), 2000)).toBe(true);
    expect(store.ingest(counter(2), 2000)).toBe(false);
    expect(store.ingest(counter(2), 1000)).toBe(false);
    expect(pointsOf(store, 'calls')).toEqual([[{ time: 2000, value: 1 }]]);
  });

  it('stores histogram buckets cumulatively, as Prometheus _bucket series', () => {
    const store = new HistoryStore({ capacity: 4, maxSeries: 10 });
    const histogram = collection([{ name: 'latency', kind: 'histogram', points: [{ attributes: {}, histogram: { bounds: [0.1, 1], counts: [2, 3, 1], sum: 4.5 } }] }]);
    store.ingest(histogram, 1000);
    expect(pointsOf(store, 'latency')).toEqual([
      [{ time: 1000, count: 6, sum: 4.5, buckets: [{ le: 0.1, count: 2 }, { le: 1, count: 5 }, { le: Infinity, count: 6 }] }],
    ]);
  });

  it('starts a histogram series over when its bucket boundaries change', () => {
    const store = new HistoryStore({ capacity: 4, maxSeries: 10 });
    const at = (bounds: number[], counts: number[]) => collection([{ name: 'latency', kind: 'histogram', points: [{ attributes: {}, histogram: { bounds, counts, sum: 1 } }] }]);
    store.ingest(at([1], [1, 0]), 1000);
    store.ingest(at([1, 2], [1, 0, 0]), 2000);
    const [points] = pointsOf(store, 'latency');
    expect(points).toHaveLength(1);
    expect(points![0]).toMatchObject({ time: 2000 });
    expect(store.stats().series).toBe(1);
  });

  it('reads an OTel MeterProvider through HistoryReader, attributes as label strings', async () => {
    const reader = new HistoryReader({ cardinalityLimit: 100 });
    const provider = new MeterProvider({ readers: [reader] });
    const meter = provider.getMeter('scope-a');
    meter.createCounter('calls').add(2, { tool: 'echo', ok: true });
    meter.createHistogram('latency', { advice: { explicitBucketBoundaries: [1] } }).record(0.5);
    const store = new HistoryStore({ capacity: 4, maxSeries: 10 });
    store.ingest((await reader.collect()).resourceMetrics, 1000);
    const [calls] = new SeriesMatcher({ metric: 'calls', scope: 'scope-a' }).select(store);
    expect(calls?.attributes).toEqual({ tool: 'echo', ok: 'true' });
    expect(pointsOf(store, 'calls', { ok: 'true' })).toEqual([[{ time: 1000, value: 2 }]]);
    expect(pointsOf(store, 'latency')[0]![0]).toMatchObject({ count: 1, buckets: [{ le: 1, count: 1 }, { le: Infinity, count: 1 }] });
    await provider.shutdown();
  });
});
