/**
 * The public shapes of the metric history (`handle.history`): what is stored, how series are
 * selected, and what queries return. Names and attribute keys are OpenTelemetry's
 * (`mcp.server.operation.duration`, `gen_ai.tool.name`); Prometheus names appear only in
 * `toPrometheusRules` output.
 */

/** How a metric is stored: the OTel instrument kind as the data shows it. */
export type SeriesKind = 'counter' | 'updowncounter' | 'gauge' | 'histogram';

/**
 * Matches one attribute: a string is equality; otherwise a PromQL matcher (`!=`, `=~`, `!~`;
 * regular expressions are fully anchored, as in PromQL). A series without the attribute matches
 * as if its value were `""` (so `{ op: '!=', value: '' }` means "present").
 */
export type AttributeMatcher = string | { op: '=' | '!=' | '=~' | '!~'; value: string };

/** Which series: a metric by its OTel name, optionally narrowed by attributes and meter (scope). */
export interface SeriesSelector {
  /** The OTel metric name, e.g. `mcp.server.operation.duration`. */
  metric: string;
  /** Attribute matchers; every one must match. @default {} (every series of the metric) */
  attributes?: Record<string, AttributeMatcher>;
  /** The meter (instrumentation scope) name, e.g. `@mcp-otel/instrumentation/mcp`. @default any scope */
  scope?: string;
}

/** One stored value of a counter, up-down counter or gauge. */
export interface HistoryPoint {
  /** Collection time, ms since the epoch. */
  time: number;
  value: number;
}

/** One stored histogram value; bucket counts are cumulative, as Prometheus' `_bucket{le}` series. */
export interface HistogramPoint {
  time: number;
  count: number;
  sum: number;
  /** Upper bounds in increasing order, the last one `Infinity`, with cumulative counts. */
  buckets: Array<{ le: number; count: number }>;
}

interface SeriesBase {
  metric: string;
  /** The meter (instrumentation scope) that recorded it. */
  scope: string;
  unit: string;
  /** Attribute values as strings (non-string values as JSON), as Prometheus labels carry them. */
  attributes: Record<string, string>;
}

/** One series and its points in the asked time range, oldest first. */
export type HistorySeries =
  | (SeriesBase & { kind: 'counter' | 'updowncounter' | 'gauge'; points: HistoryPoint[] })
  | (SeriesBase & { kind: 'histogram'; points: HistogramPoint[] });

/** Arguments of `history.query`. */
export interface HistoryQuery extends SeriesSelector {
  /** Oldest time wanted, ms since the epoch (inclusive). @default the start of the retention window */
  from?: number;
  /** Newest time wanted (inclusive). @default now */
  to?: number;
}

/** Arguments of the range functions (`rate`, `increase`, `avgOverTime`, `maxOverTime`). */
export interface RangeQuery extends SeriesSelector {
  /** The range, as in PromQL's `[5m]`: ms or a duration string. */
  window: number | string;
  /** Evaluation time, ms since the epoch. @default now */
  at?: number;
  /** Sum the per-series results by these attribute keys (PromQL `sum by (...)`); omitted: one result per series. */
  by?: string[];
}

/** Arguments of `history.histogramQuantile`. */
export interface QuantileQuery extends SeriesSelector {
  /** The quantile, 0..1 (PromQL's φ). */
  quantile: number;
  window: number | string;
  at?: number;
  /** Keep these attribute keys apart (`sum by (le, ...)`); omitted: all series together. */
  by?: string[];
}

/** One element of a query result (a PromQL instant vector element). */
export interface VectorSample {
  /** The series' attributes, or only the `by` keys after aggregation. */
  attributes: Record<string, string>;
  value: number;
}

/** What the history holds now. */
export interface HistoryStats {
  /** Series stored (a histogram is one series). */
  series: number;
  /**
   * Points not stored because `maxSeries` was reached, since start: a series that finds no room
   * counts once per collection (distinct refused series are not remembered: that would be memory).
   */
  droppedPoints: number;
  /** Collections stored. */
  collections: number;
  /** Bytes of the preallocated value buffers (the points), all series. */
  bufferBytes: number;
  /** Points each series can hold (`maxAge / resolution + 1`). */
  pointsPerSeries: number;
}
