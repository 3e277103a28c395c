import { diag } from '@opentelemetry/api';
import type { Attributes } from '@opentelemetry/api';
import { DataPointType } from '@opentelemetry/sdk-metrics';
import type { Histogram, MetricData, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { HistoryStats, SeriesKind } from './history-types.js';
import type { StoredMetric, StoredSeries } from './stored-series.js';
import { attributesKey, HISTOGRAM_COUNT, HISTOGRAM_FIRST_BUCKET, HISTOGRAM_SUM, pointWidth, stringAttributes } from './stored-series.js';
import { Timeline } from './timeline.js';

/** Options of {@link HistoryStore}. */
export interface HistoryStoreOptions {
  /** Points kept per series (collections in the window). */
  capacity: number;
  /** Most series held at once; a new series beyond it is dropped (and counted). */
  maxSeries: number;
}

/**
 * The in-memory metric history: every series of every collection it is given, in preallocated
 * rings of `capacity` points. Memory is bounded by `maxSeries × capacity × values per point × 8`
 * bytes plus a fixed cost per series; a series absent from `capacity` collections in a row is
 * evicted, which frees its place. Pure data structure: no clock, no timers, no I/O.
 */
export class HistoryStore {
  readonly capacity: number;
  readonly maxSeries: number;
  readonly timeline: Timeline;
  private readonly metricsByKey = new Map<string, StoredMetric>();
  private readonly metricsByName = new Map<string, StoredMetric[]>();
  private seriesCount = 0;
  private dropped = 0;
  private bytes = 0;
  private warnedFull = false;

  constructor(options: HistoryStoreOptions) {
    this.capacity = Math.max(2, Math.floor(options.capacity));
    this.maxSeries = options.maxSeries;
    this.timeline = new Timeline(this.capacity);
  }

  /**
   * Stores one collection taken at `time` (ms). A time not after the previous collection's is
   * refused (returns false): PromQL functions need strictly increasing sample times.
   */
  ingest(resourceMetrics: ResourceMetrics, time: number): boolean {
    const latest = this.timeline.latestTime;
    if (latest !== undefined && !(time > latest)) return false;
    const seq = this.timeline.push(time);
    const slot = this.timeline.slot(seq);
    for (const { scope, metrics } of resourceMetrics.scopeMetrics) {
      for (const metric of metrics) {
        const kind = kindOf(metric);
        if (kind === undefined) continue;
        const stored = this.metricFor(scope.name, scope.version ?? '', metric, kind);
        for (const point of metric.dataPoints) {
          const bounds = kind === 'histogram' ? (point.value as Histogram).buckets.boundaries : EMPTY;
          const series = this.seriesFor(stored, point.attributes, bounds);
          if (series === undefined) continue;
          const previousSlot = series.lastSeq === seq - 1 ? this.timeline.slot(seq - 1) : -1;
          const written = writePoint(series, slot, previousSlot, point.value as number | Histogram);
          if (written === DROPPED) series.lastDropSeq = seq;
          else if (written === NOT_A_NUMBER) series.lastGapSeq = seq;
          if (series.lastSeq < 0) series.firstSeq = seq;
          series.lastSeq = seq;
        }
      }
    }
    this.sweep(seq, slot);
    return true;
  }

  /** The stored metrics of this OTel name (one per meter that has it). */
  metrics(name: string): readonly StoredMetric[] {
    return this.metricsByName.get(name) ?? EMPTY_METRICS;
  }

  /** Every stored metric. */
  allMetrics(): IterableIterator<StoredMetric> {
    return this.metricsByKey.values();
  }

  stats(): HistoryStats {
    return {
      series: this.seriesCount,
      droppedPoints: this.dropped,
      collections: this.timeline.collections,
      bufferBytes: this.bytes,
      pointsPerSeries: this.capacity,
    };
  }

  private metricFor(scope: string, scopeVersion: string, metric: MetricData, kind: SeriesKind): StoredMetric {
    const name = metric.descriptor.name;
    const key = `${scope}\u0000${scopeVersion}\u0000${name}\u0000${kind}`;
    let stored = this.metricsByKey.get(key);
    if (stored === undefined) {
      stored = { name, scope, scopeVersion, kind, unit: metric.descriptor.unit, series: [], byKey: new Map(), byIdentity: new WeakMap(), generation: 0 };
      this.metricsByKey.set(key, stored);
      const sameName = this.metricsByName.get(name);
      if (sameName === undefined) this.metricsByName.set(name, [stored]);
      else sameName.push(stored);
    }
    return stored;
  }

  private seriesFor(metric: StoredMetric, attributes: Attributes, bounds: readonly number[]): StoredSeries | undefined {
    const known = metric.byIdentity.get(attributes);
    if (known !== undefined && !known.evicted && sameBounds(known.bounds, bounds)) return known;
    const strings = stringAttributes(attributes);
    const key = attributesKey(strings);
    let series = metric.byKey.get(key);
    if (series !== undefined && !sameBounds(series.bounds, bounds)) {
      // New bucket boundaries (a view changed): the old points cannot be compared with new ones.
      this.evict(series);
      series = undefined;
    }
    if (series === undefined) {
      series = this.create(metric, key, strings, bounds);
      if (series === undefined) return undefined;
    }
    metric.byIdentity.set(attributes, series);
    return series;
  }

  private create(metric: StoredMetric, key: string, attributes: Record<string, string>, bounds: readonly number[]): StoredSeries | undefined {
    if (this.seriesCount >= this.maxSeries) {
      this.dropped++;
      if (!this.warnedFull) {
        this.warnedFull = true;
        diag.warn(`mcp-otel: the metric history holds its maximum of ${this.maxSeries} series; new series are not kept (raise retention.maxSeries)`);
      }
      return undefined;
    }
    const width = pointWidth(metric.kind, bounds);
    const values = new Float64Array(this.capacity * width).fill(NaN);
    const series: StoredSeries = { metric, key, attributes, bounds: [...bounds], width, values, lastSeq: -1, firstSeq: -1, lastGapSeq: -1, lastDropSeq: -1, evicted: false };
    metric.series.push(series);
    metric.byKey.set(key, series);
    metric.generation++;
    this.seriesCount++;
    this.bytes += values.byteLength;
    return series;
  }

  /** Marks what a collection did not carry as absent, and evicts series with no point left. */
  private sweep(seq: number, slot: number): void {
    for (const [key, metric] of this.metricsByKey) {
      const { series } = metric;
      for (let index = series.length - 1; index >= 0; index--) {
        const one = series[index]!;
        if (one.lastSeq === seq) continue;
        if (seq - one.lastSeq >= this.capacity) {
          this.evict(one);
        } else {
          one.values.fill(NaN, slot * one.width, (slot + 1) * one.width);
          one.lastGapSeq = seq;
        }
      }
      if (series.length === 0) this.dropMetric(key, metric);
    }
  }

  private evict(series: StoredSeries): void {
    const { metric } = series;
    const index = metric.series.indexOf(series);
    if (index >= 0) {
      metric.series[index] = metric.series[metric.series.length - 1]!;
      metric.series.pop();
    }
    metric.byKey.delete(series.key);
    metric.generation++;
    series.evicted = true;
    this.seriesCount--;
    this.bytes -= series.values.byteLength;
  }

  private dropMetric(key: string, metric: StoredMetric): void {
    this.metricsByKey.delete(key);
    const sameName = (this.metricsByName.get(metric.name) ?? []).filter((other) => other !== metric);
    if (sameName.length === 0) this.metricsByName.delete(metric.name);
    else this.metricsByName.set(metric.name, sameName);
  }
}

const EMPTY: readonly number[] = [];
const EMPTY_METRICS: readonly StoredMetric[] = [];

function kindOf(metric: MetricData): SeriesKind | undefined {
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return metric.isMonotonic ? 'counter' : 'updowncounter';
    case DataPointType.GAUGE:
      return 'gauge';
    case DataPointType.HISTOGRAM:
      return 'histogram';
    default:
      // Exponential histograms reach the history converted to explicit buckets (collect transform).
      return undefined;
  }
}

function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** What `writePoint` saw: values as they were, a value that went down, a value that is NaN (read as a gap). */
const STEADY = 0;
const DROPPED = 1;
const NOT_A_NUMBER = 2;

/**
 * Writes one point into `slot`, and tells whether a value went down from the point in
 * `previousSlot` (the collection before, when it carried the series; -1 otherwise) or is NaN.
 */
function writePoint(series: StoredSeries, slot: number, previousSlot: number, value: number | Histogram): number {
  const { values, width } = series;
  const base = slot * width;
  if (typeof value === 'number') {
    values[base] = value;
  } else {
    values[base + HISTOGRAM_COUNT] = value.count;
    values[base + HISTOGRAM_SUM] = value.sum ?? NaN;
    let cumulative = 0;
    const counts = value.buckets.counts;
    for (let index = 0; index < counts.length; index++) {
      cumulative += counts[index]!;
      values[base + HISTOGRAM_FIRST_BUCKET + index] = cumulative;
    }
  }
  let outcome = STEADY;
  for (let offset = 0; offset < width; offset++) {
    const current = values[base + offset]!;
    if (current !== current) return NOT_A_NUMBER;
    if (previousSlot >= 0 && current < values[previousSlot * width + offset]!) outcome = DROPPED;
  }
  return outcome;
}
