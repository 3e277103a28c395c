import type { HistoryStore } from '../history-store.js';
import type { StoredSeries } from '../stored-series.js';

/** PromQL's default lookback for an instant selector: a sample older than this is no value. */
export const LOOKBACK_DELTA_MS = 5 * 60_000;

/**
 * Reusable scratch arrays for the samples of one series in a range: a rule evaluation touches
 * thousands of series, and allocating per series would dominate its cost.
 */
export class SampleWindow {
  times: Float64Array;
  values: Float64Array;
  count = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  /**
   * Loads the samples of `series` (the value at `offset` of each point) with `from <= time <= to`,
   * as PromQL 2.x range selectors take them (both ends included). Absent points (`NaN`) are not
   * samples, as stale markers are not.
   */
  load(store: HistoryStore, series: StoredSeries, offset: number, from: number, to: number): number {
    const { timeline } = store;
    if (this.times.length < timeline.capacity) {
      this.times = new Float64Array(timeline.capacity);
      this.values = new Float64Array(timeline.capacity);
    }
    const [start, end] = timeline.range(from, to);
    let count = 0;
    for (let seq = start; seq < end; seq++) {
      const value = series.values[timeline.slot(seq) * series.width + offset]!;
      if (Number.isNaN(value)) continue;
      this.times[count] = timeline.time(seq);
      this.values[count] = value;
      count++;
    }
    this.count = count;
    return count;
  }
}

/**
 * The value an instant selector sees at `at`: the newest collection at or before `at`, if it
 * carried the series (otherwise the series went stale, as a Prometheus staleness marker says) and
 * is no older than the lookback delta.
 */
export function instantValue(store: HistoryStore, series: StoredSeries, offset: number, at: number, lookbackMs = LOOKBACK_DELTA_MS): number | undefined {
  const { timeline } = store;
  const seq = timeline.latestAtOrBefore(at);
  if (seq < 0 || timeline.time(seq) < at - lookbackMs) return undefined;
  const value = series.values[timeline.slot(seq) * series.width + offset]!;
  return Number.isNaN(value) ? undefined : value;
}
