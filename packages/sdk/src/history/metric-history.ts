import type { Clock } from '../clock/clock.js';
import { parseDuration } from '../config/duration.js';
import type { HistoryRecorder } from './history-recorder.js';
import type { HistoryStore } from './history-store.js';
import type { HistoryQuery, HistorySeries, HistoryStats, QuantileQuery, RangeQuery, SeriesKind, VectorSample } from './history-types.js';
import { readPoints } from './read-points.js';
import { SeriesMatcher } from './series-matcher.js';
import { HISTOGRAM_COUNT, HISTOGRAM_SUM } from './stored-series.js';
import type { RangeFunction } from './vectors.js';
import { GroupAccumulator } from './group-accumulator.js';
import { quantileVector, rangeInto, rangeVector } from './vectors.js';

/** A range query on a counter, or on a histogram's observation count (default) or sum. */
export type CounterRangeQuery = RangeQuery & {
  /** For a histogram: its `count` (observations, PromQL `_count`) or its `sum` (`_sum`). @default "count" */
  field?: 'count' | 'sum';
};

/**
 * The recent history of every metric of this process (`handle.history`), kept in memory for
 * `retention.maxAge` at `retention.resolution`, with the PromQL functions alert rules use. Every
 * function computes what Prometheus computes from the same samples (counter resets, extrapolation
 * and staleness included). Queries take OTel names and attribute keys.
 *
 * @example
 * ```ts
 * const handle = await startMetrics({ retention: { maxAge: '15m' } });
 * // per-tool call rate over the last 5 minutes: sum by (gen_ai_tool_name) (rate(..._count[5m]))
 * handle.history.rate({ metric: 'mcp.server.operation.duration', window: '5m', by: ['gen_ai.tool.name'] });
 * // p99 latency of tools/call over 5 minutes
 * handle.history.histogramQuantile({ metric: 'mcp.server.operation.duration', quantile: 0.99, window: '5m',
 *   attributes: { 'mcp.method.name': 'tools/call' } });
 * ```
 */
export interface MetricHistory {
  /** Whether the history runs (`retention` set, or needed by `alerts`). When not, every query returns nothing. */
  readonly enabled: boolean;
  /** The stored points of the matching series between `from` and `to`. */
  query(query: HistoryQuery): HistorySeries[];
  /** PromQL `rate(x[window])`: per-second increase of counters (or of a histogram's count or sum). */
  rate(query: CounterRangeQuery): VectorSample[];
  /** PromQL `increase(x[window])`. */
  increase(query: CounterRangeQuery): VectorSample[];
  /** PromQL `avg_over_time(x[window])` of gauges, up-down counters or counters. */
  avgOverTime(query: RangeQuery): VectorSample[];
  /** PromQL `max_over_time(x[window])`. */
  maxOverTime(query: RangeQuery): VectorSample[];
  /** PromQL `histogram_quantile(q, sum by (le, ...by) (rate(x_bucket[window])))`. */
  histogramQuantile(query: QuantileQuery): VectorSample[];
  /** Series, collections and buffer bytes held now. */
  stats(): HistoryStats;
  /** Takes a collection now (besides the one every `resolution`). Never rejects. */
  collect(): Promise<void>;
}

const COUNTER_KINDS: readonly SeriesKind[] = ['counter'];
const VALUE_KINDS: readonly SeriesKind[] = ['gauge', 'updowncounter', 'counter'];
const HISTOGRAM_KINDS: readonly SeriesKind[] = ['histogram'];

/** The history over a store, with its recorder and clock. */
export class StoreHistory implements MetricHistory {
  readonly enabled = true;
  private readonly store: HistoryStore;
  private readonly recorder: HistoryRecorder;
  private readonly clock: Clock;
  private readonly maxAgeMs: number;

  constructor(options: { store: HistoryStore; recorder: HistoryRecorder; clock: Clock; maxAgeMs: number }) {
    this.store = options.store;
    this.recorder = options.recorder;
    this.clock = options.clock;
    this.maxAgeMs = options.maxAgeMs;
  }

  query(query: HistoryQuery): HistorySeries[] {
    const to = query.to ?? this.clock.now();
    const from = Math.max(query.from ?? -Infinity, to - this.maxAgeMs);
    return new SeriesMatcher(query).select(this.store).map((series) => readPoints(this.store, series, from, to));
  }

  rate(query: CounterRangeQuery): VectorSample[] {
    return this.counterRange('rate', query);
  }

  increase(query: CounterRangeQuery): VectorSample[] {
    return this.counterRange('increase', query);
  }

  avgOverTime(query: RangeQuery): VectorSample[] {
    return this.range('avg_over_time', query, [[VALUE_KINDS, 0]]);
  }

  maxOverTime(query: RangeQuery): VectorSample[] {
    return this.range('max_over_time', query, [[VALUE_KINDS, 0]]);
  }

  histogramQuantile(query: QuantileQuery): VectorSample[] {
    const series = new SeriesMatcher(query, HISTOGRAM_KINDS).select(this.store);
    return quantileVector(this.store, series, query.quantile, windowMs(query.window), query.at ?? this.clock.now(), query.by ?? []);
  }

  stats(): HistoryStats {
    return this.store.stats();
  }

  collect(): Promise<void> {
    return this.recorder.collect();
  }

  private counterRange(fn: RangeFunction, query: CounterRangeQuery): VectorSample[] {
    return this.range(fn, query, [
      [COUNTER_KINDS, 0],
      [HISTOGRAM_KINDS, query.field === 'sum' ? HISTOGRAM_SUM : HISTOGRAM_COUNT],
    ]);
  }

  /**
   * `fn(series[window])` per matching series of each `[kinds, offset]` part, summed by `query.by`
   * when it is given (PromQL `sum by (...)`).
   */
  private range(fn: RangeFunction, query: RangeQuery, parts: ReadonlyArray<readonly [readonly SeriesKind[], number]>): VectorSample[] {
    const at = query.at ?? this.clock.now();
    const window = windowMs(query.window);
    const accumulator = query.by === undefined ? undefined : new GroupAccumulator('sum', query.by);
    accumulator?.begin();
    const out: VectorSample[] = [];
    for (const [kinds, offset] of parts) {
      const series = new SeriesMatcher(query, kinds).select(this.store);
      if (accumulator === undefined) out.push(...rangeVector(this.store, series, fn, offset, window, at));
      else rangeInto(this.store, series, fn, offset, window, at, accumulator);
    }
    return accumulator === undefined ? out : accumulator.results();
  }
}

/** The history when it is off: nothing is stored, every query returns nothing. */
export const DISABLED_HISTORY: MetricHistory = {
  enabled: false,
  query: () => [],
  rate: () => [],
  increase: () => [],
  avgOverTime: () => [],
  maxOverTime: () => [],
  histogramQuantile: () => [],
  stats: () => ({ series: 0, droppedPoints: 0, collections: 0, bufferBytes: 0, pointsPerSeries: 0 }),
  collect: () => Promise.resolve(),
};

function windowMs(window: number | string): number {
  return parseDuration(window, 'window');
}
