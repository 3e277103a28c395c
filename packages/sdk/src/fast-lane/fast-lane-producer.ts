import type { HrTime } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { emptyResource } from '@opentelemetry/resources';
import { AggregationTemporality, AggregationType, DataPointType } from '@opentelemetry/sdk-metrics';
import type {
  AggregationOption,
  CollectionResult,
  DataPoint,
  Histogram,
  HistogramMetricData,
  InstrumentType,
  MetricData,
  MetricProducer,
  ScopeMetrics,
} from '@opentelemetry/sdk-metrics';
import type { FastHistogramStorage } from './fast-histogram-storage.js';
import { seriesTotal, seriesTouched, type FastSumStorage } from './fast-sum-storage.js';
import type { HistogramCell } from './histogram-cell.js';
import type { FastLane } from './fast-lane.js';

/** What a reader selects aggregation and temporality with (a `PushMetricExporter` has both, optional). */
export interface ReaderSelectors {
  selectAggregationTemporality?(instrumentType: InstrumentType): AggregationTemporality;
  selectAggregation?(instrumentType: InstrumentType): AggregationOption;
}

/** What a reader selects for counters and for up-down counters. */
export interface SumSelection {
  counter: { temporality: AggregationTemporality; aggregation: AggregationOption };
  upDownCounter: { temporality: AggregationTemporality; aggregation: AggregationOption };
}

/** What one delta reader saw of a sum storage at its last collection. */
interface SumSeen {
  /** Series known then (later ones report everything since their start). */
  known: number;
  /** The storage generation this reader's interval started at. */
  generation: number;
  /** Each known series' total then. */
  totals: number[];
}

const EMPTY_RESOURCE = emptyResource();
const CUMULATIVE_SUMS: SumSelection = {
  counter: { temporality: AggregationTemporality.CUMULATIVE, aggregation: { type: AggregationType.DEFAULT } },
  upDownCounter: { temporality: AggregationTemporality.CUMULATIVE, aggregation: { type: AggregationType.DEFAULT } },
};

/**
 * One reader's view of the fast lane, added to that reader's `metricProducers`: on each collection
 * it reports every fast histogram as OTel's own storage would for that reader. Cumulative: the
 * cells as they are (start time: the series' first measurement). Delta: what each series gained
 * since this reader's previous collection (start time: that collection, or the series' first
 * measurement if it came later); series that gained nothing are left out, as OTel leaves them out.
 * Collection never throws: a failure comes back in `errors`, which the reader reports.
 */
export class FastLaneProducer implements MetricProducer {
  private lastCollection: HrTime | undefined;

  constructor(
    private readonly fastLane: FastLane,
    readonly temporality: AggregationTemporality,
    /** The reader's aggregation for histograms (the fast lane only takes explicit-bucket ones). */
    readonly aggregation: AggregationOption,
    /** This reader's slot in each cell's delta accumulators; `undefined` for cumulative readers. */
    private readonly deltaIndex: number | undefined,
    /** The reader's temporality and aggregation for counters and up-down counters. */
    readonly sums: SumSelection = CUMULATIVE_SUMS,
  ) {}

  /** Per sum storage, what this reader saw last (delta temporality only). */
  private readonly seen = new WeakMap<FastSumStorage, SumSeen>();

  collect(): Promise<CollectionResult> {
    try {
      return Promise.resolve({ resourceMetrics: { resource: EMPTY_RESOURCE, scopeMetrics: this.collectScopes() }, errors: [] });
    } catch (error) {
      return Promise.resolve({ resourceMetrics: { resource: EMPTY_RESOURCE, scopeMetrics: [] }, errors: [error] });
    }
  }

  private collectScopes(): ScopeMetrics[] {
    const endTime = millisToHrTime(this.fastLane.now());
    const scopeMetrics: ScopeMetrics[] = [];
    for (const { scope, storages, sums } of this.fastLane.scopes.values()) {
      const metrics: MetricData[] = [];
      for (const storage of storages.values()) {
        const dataPoints = this.points(storage, endTime);
        if (dataPoints.length === 0) continue;
        const metric: HistogramMetricData = { descriptor: storage.descriptor, aggregationTemporality: this.temporality, dataPointType: DataPointType.HISTOGRAM, dataPoints };
        metrics.push(metric);
      }
      for (const storage of sums.values()) {
        const temporality = this.sums[storage.settings.monotonic ? 'counter' : 'upDownCounter'].temporality;
        const dataPoints = this.sumPoints(storage, temporality, endTime);
        if (dataPoints.length === 0) continue;
        metrics.push({ descriptor: storage.descriptor, aggregationTemporality: temporality, dataPointType: DataPointType.SUM, dataPoints, isMonotonic: storage.settings.monotonic });
      }
      if (metrics.length > 0) scopeMetrics.push({ scope, metrics });
    }
    this.lastCollection = endTime;
    return scopeMetrics;
  }

  /**
   * Cumulative: every series' total. Delta: what each series gained since this reader's previous
   * collection (a new series: everything since its start); series not recorded into since are
   * left out, as OTel leaves them out.
   */
  private sumPoints(storage: FastSumStorage, temporality: AggregationTemporality, endTime: HrTime): DataPoint<number>[] {
    const points: DataPoint<number>[] = [];
    const series = storage.series;
    if (temporality !== AggregationTemporality.DELTA) {
      series.forEach((s, i) => points.push({ attributes: s.attributes, startTime: millisToHrTime(storage.starts[i]!), endTime, value: seriesTotal(s) }));
      return points;
    }
    let seen = this.seen.get(storage);
    if (seen === undefined) {
      seen = { known: 0, generation: 0, totals: [] };
      this.seen.set(storage, seen);
    }
    const { totals } = seen;
    for (let i = 0; i < series.length; i++) {
      const s = series[i]!;
      const total = seriesTotal(s);
      if (i >= seen.known) {
        points.push({ attributes: s.attributes, startTime: millisToHrTime(storage.starts[i]!), endTime, value: total });
        totals.push(total);
      } else if (seriesTouched(s) >= seen.generation) {
        points.push({ attributes: s.attributes, startTime: this.lastCollection ?? millisToHrTime(storage.starts[i]!), endTime, value: total - totals[i]! });
        totals[i] = total;
      }
    }
    seen.known = series.length;
    seen.generation = storage.nextGeneration();
    return points;
  }

  private points(storage: FastHistogramStorage, endTime: HrTime): DataPoint<Histogram>[] {
    const points: DataPoint<Histogram>[] = [];
    const deltaIndex = this.deltaIndex;
    for (const cell of storage.cells()) {
      if (deltaIndex === undefined) {
        if (cell.count > 0) points.push(point(cell, cell.startTime, endTime, cumulative(storage, cell)));
        continue;
      }
      const slot = cell.deltaSlot(deltaIndex);
      if (!slot.open) {
        // First collection of this cell by this reader: everything since the first measurement.
        if (cell.count > 0) points.push(point(cell, cell.startTime, endTime, cumulative(storage, cell)));
      } else if (cell.count > slot.seenCount) {
        const counts = Array.from(cell.counts, (count, i) => count - slot.seenCounts[i]!);
        const value = histogramValue(storage, cell.count - slot.seenCount, slot.sum, slot.min, slot.max, counts);
        points.push(point(cell, this.lastCollection ?? cell.startTime, endTime, value));
      }
      cell.restartDelta(slot);
    }
    return points;
  }
}

function cumulative(storage: FastHistogramStorage, cell: HistogramCell): Histogram {
  return histogramValue(storage, cell.count, cell.sum, cell.min, cell.max, Array.from(cell.counts));
}

/** The point value, with OTel's field order and min/max only when the aggregation records them. */
function histogramValue(storage: FastHistogramStorage, count: number, sum: number, min: number, max: number, counts: number[]): Histogram {
  const minMax = storage.settings.recordMinMax;
  return {
    min: minMax ? min : undefined,
    max: minMax ? max : undefined,
    sum,
    buckets: { boundaries: storage.boundaries, counts },
    count,
  };
}

function point(cell: HistogramCell, startTime: HrTime, endTime: HrTime, value: Histogram): DataPoint<Histogram> {
  return { attributes: cell.attributes, startTime, endTime, value };
}
