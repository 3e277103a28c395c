import type { HistogramPoint, HistoryPoint, HistorySeries } from './history-types.js';
import type { HistoryStore } from './history-store.js';
import type { StoredSeries } from './stored-series.js';
import { HISTOGRAM_COUNT, HISTOGRAM_FIRST_BUCKET, HISTOGRAM_SUM } from './stored-series.js';

/** A stored series as public data: its points with `from <= time <= to`, oldest first. */
export function readPoints(store: HistoryStore, series: StoredSeries, from: number, to: number): HistorySeries {
  const { timeline } = store;
  const [start, end] = timeline.range(from, to);
  const { metric } = series;
  const base = { metric: metric.name, scope: metric.scope, unit: metric.unit, attributes: { ...series.attributes } };
  if (metric.kind !== 'histogram') {
    const points: HistoryPoint[] = [];
    for (let seq = start; seq < end; seq++) {
      const value = series.values[timeline.slot(seq)]!;
      if (!Number.isNaN(value)) points.push({ time: timeline.time(seq), value });
    }
    return { ...base, kind: metric.kind, points };
  }
  const points: HistogramPoint[] = [];
  for (let seq = start; seq < end; seq++) {
    const offset = timeline.slot(seq) * series.width;
    const count = series.values[offset + HISTOGRAM_COUNT]!;
    if (Number.isNaN(count)) continue;
    const buckets = series.bounds.map((le, index) => ({ le, count: series.values[offset + HISTOGRAM_FIRST_BUCKET + index]! }));
    buckets.push({ le: Infinity, count: series.values[offset + HISTOGRAM_FIRST_BUCKET + series.bounds.length]! });
    points.push({ time: timeline.time(seq), count, sum: series.values[offset + HISTOGRAM_SUM]!, buckets });
  }
  return { ...base, kind: 'histogram', points };
}
