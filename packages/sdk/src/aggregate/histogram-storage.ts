import type { Attributes, HrTime } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import type { DataPoint, Histogram, MetricData } from '@opentelemetry/sdk-metrics';
import type { HistogramHandle } from '../facade/handles.js';
import type { KeepProbability } from './keep-probability.js';
import { Storage, type Collection, type Series, type StorageSettings } from './storage.js';

/** Bucket searches scan linearly up to this many bounds, and bisect above it. */
const LINEAR_SEARCH_MAX_BOUNDS = 32;

/**
 * One series of a histogram: the explicit-bucket aggregation since its first kept measurement,
 * updated in place (count, sum, min, max, bucket counts, and per delta reader the interval's sum,
 * min and max). It is also the facade's handle for its attribute set. With sampling, a measurement
 * is kept with the storage's keep-probability first.
 */
export class HistogramSeries implements Series, HistogramHandle {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  /** The first kept measurement (ms): the cumulative start time. */
  start = 0;
  readonly counts: Float64Array;
  /** One per delta reader that collected this series, by the reader's slot number. */
  readonly deltas: HistogramDelta[] = [];

  constructor(
    readonly storage: HistogramStorage,
    readonly attributes: Readonly<Attributes>,
  ) {
    this.counts = new Float64Array(storage.boundaries.length + 1);
  }

  get name(): string {
    return this.storage.descriptor.name;
  }

  record(value: number): void {
    if (typeof value === 'number' && value >= 0 && value !== Infinity) {
      const storage = this.storage;
      if (storage.keep === undefined || storage.keep.keep()) this.add(value, storage);
    } else this.storage.problems.reject(value);
  }

  measure(value: number): void {
    this.record(value);
  }

  private add(value: number, storage: HistogramStorage): void {
    if (this.count === 0) this.start = storage.now();
    this.count++;
    this.sum += value;
    this.min = Math.min(this.min, value);
    this.max = Math.max(this.max, value);
    this.counts[storage.bucketOf(value)]!++;
    const deltas = this.deltas;
    for (let i = 0; i < deltas.length; i++) deltas[i]!.add(value);
  }

  /** The slot of delta reader `index`, made on that reader's first collection of this series. */
  delta(index: number): HistogramDelta {
    while (this.deltas.length <= index) this.deltas.push(new HistogramDelta(this.counts.length));
    return this.deltas[index]!;
  }
}

/** Settings of a histogram storage: the plan's boundaries and keep-probability on top of the rest. */
export interface HistogramSettings extends StorageSettings {
  /** Sorted, finite upper bounds: the exported `buckets.boundaries`. */
  boundaries: readonly number[];
  /** `undefined`: every measurement is kept (no sampling). */
  keep: KeepProbability | undefined;
}

/**
 * The series of one histogram, exported as OTel's explicit-bucket aggregation would (buckets are
 * (previous bound, bound], min and max recorded). Cumulative: every series since its first kept
 * measurement. Delta: what each series gained since this reader's previous collection (count and
 * bucket counts by differencing integer totals, sum/min/max from the reader's own slot).
 */
export class HistogramStorage extends Storage<HistogramSeries> {
  readonly boundaries: number[];
  readonly keep: KeepProbability | undefined;
  private readonly bounds: Float64Array;

  constructor(settings: HistogramSettings) {
    super('histogram', settings);
    this.boundaries = [...settings.boundaries];
    this.bounds = Float64Array.from(settings.boundaries);
    this.keep = settings.keep;
  }

  protected create(attributes: Readonly<Attributes>): HistogramSeries {
    return new HistogramSeries(this, attributes);
  }

  /**
   * Index of the first bound >= value (OTel's `binarySearchUB`). Up to
   * {@link LINEAR_SEARCH_MAX_BOUNDS} bounds a forward scan, as Prometheus' client_golang does below
   * 35: latencies mostly land in the first buckets, so it stops within a few well-predicted
   * compares, where a binary search always takes log2(n) hard-to-predict ones.
   */
  bucketOf(value: number): number {
    const bounds = this.bounds;
    const n = bounds.length;
    if (n <= LINEAR_SEARCH_MAX_BOUNDS) {
      let i = 0;
      while (i < n && bounds[i]! < value) i++;
      return i;
    }
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bounds[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  collect(collection: Collection): MetricData | undefined {
    const { endTime } = collection;
    const points: DataPoint<Histogram>[] = [];
    const delta = collection.temporality === AggregationTemporality.DELTA;
    for (const series of this.index.values) {
      if (!delta) {
        if (series.count > 0) points.push(this.point(series, millisToHrTime(series.start), endTime, series.count, series.sum, series.min, series.max, Array.from(series.counts)));
        continue;
      }
      const slot = series.delta(collection.deltaIndex);
      if (!slot.open) {
        // This reader's first collection of the series: everything since its first measurement.
        if (series.count > 0) points.push(this.point(series, millisToHrTime(series.start), endTime, series.count, series.sum, series.min, series.max, Array.from(series.counts)));
      } else if (series.count > slot.seenCount) {
        const start = collection.lastCollection === undefined ? millisToHrTime(series.start) : millisToHrTime(collection.lastCollection);
        points.push(this.point(series, start, endTime, series.count - slot.seenCount, slot.sum, slot.min, slot.max, slot.counts(series.counts)));
      }
      slot.restart(series.count, series.counts);
    }
    if (points.length === 0) return undefined;
    return { descriptor: this.descriptor, aggregationTemporality: collection.temporality, dataPointType: DataPointType.HISTOGRAM, dataPoints: points };
  }

  /** A point, with OTel's field order. */
  private point(series: HistogramSeries, startTime: HrTime, endTime: HrTime, count: number, sum: number, min: number, max: number, counts: number[]): DataPoint<Histogram> {
    return { attributes: series.attributes, startTime, endTime, value: { min, max, sum, buckets: { boundaries: this.boundaries, counts }, count } };
  }
}

/**
 * What one delta reader accumulates in a histogram series between two of its collections. Count
 * and bucket counts come from differencing the series' integer totals against `seenCount` /
 * `seenCounts` (exact); sum, min and max are kept per interval, because a difference of running
 * float sums loses precision and min/max cannot be differenced at all.
 */
export class HistogramDelta {
  sum = 0;
  min = Infinity;
  max = -Infinity;
  /** False until the reader's first collection of the series, which reports the series' totals. */
  open = false;
  /** The series' count at this reader's previous collection. */
  seenCount = 0;
  private readonly seenCounts: Float64Array;

  constructor(buckets: number) {
    this.seenCounts = new Float64Array(buckets);
  }

  add(value: number): void {
    this.sum += value;
    this.min = Math.min(this.min, value);
    this.max = Math.max(this.max, value);
  }

  /** The bucket counts gained since this reader's previous collection. */
  counts(totals: Float64Array): number[] {
    return Array.from(totals, (count, i) => count - this.seenCounts[i]!);
  }

  /** Starts a new interval now: the reader's next report is what is recorded from here on. */
  restart(count: number, totals: Float64Array): void {
    this.open = true;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.seenCount = count;
    this.seenCounts.set(totals);
  }
}
