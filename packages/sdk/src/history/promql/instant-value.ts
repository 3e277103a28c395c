import type { HistoryStore } from '../history-store.js';
import type { StoredSeries } from '../stored-series.js';

/** PromQL's default lookback for an instant selector: a sample older than this is no value. */
export const LOOKBACK_DELTA_MS = 5 * 60_000;

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
