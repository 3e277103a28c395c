import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { Clock } from '../clock/clock.js';
import type { ResolvedRetention } from '../config/retention-config.js';
import { HistoryRecorder } from './history-recorder.js';
import { HistoryStore } from './history-store.js';
import type { MetricHistory } from './metric-history.js';
import { DISABLED_HISTORY, StoreHistory } from './metric-history.js';

/** A running history: the public API, and the store and recorder behind it. */
export interface HistoryParts {
  history: MetricHistory;
  store: HistoryStore;
  recorder: HistoryRecorder;
}

/**
 * The history of a resolved config: a store sized by `retention`, fed by `reader` every
 * `resolution`. `undefined` when the history is off. Call `recorder.start()` to begin.
 */
export function createHistory(retention: ResolvedRetention | undefined, reader: MetricReader | undefined, clock: Clock): HistoryParts | undefined {
  if (retention === undefined || reader === undefined) return undefined;
  const store = new HistoryStore({ capacity: retention.pointsPerSeries, maxSeries: retention.maxSeries });
  const recorder = new HistoryRecorder({ reader, store, clock, resolutionMs: retention.resolutionMs });
  return { history: new StoreHistory({ store, recorder, clock, maxAgeMs: retention.maxAgeMs }), store, recorder };
}

/** The units of the metrics the history holds (OTel name to unit), for Prometheus names with units. */
export function unitsSeen(store: HistoryStore | undefined): Record<string, string> {
  const units: Record<string, string> = {};
  if (store !== undefined) for (const metric of store.allMetrics()) units[metric.name] ??= metric.unit;
  return units;
}

export { DISABLED_HISTORY };
