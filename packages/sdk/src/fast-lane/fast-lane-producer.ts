import type { HrTime } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { emptyResource } from '@opentelemetry/resources';
import { DataPointType } from '@opentelemetry/sdk-metrics';
import type {
  AggregationOption,
  AggregationTemporality,
  CollectionResult,
  DataPoint,
  Histogram,
  HistogramMetricData,
  InstrumentType,
  MetricProducer,
  ScopeMetrics,
} from '@opentelemetry/sdk-metrics';
import type { FastHistogramStorage } from './fast-histogram-storage.js';
import type { HistogramCell } from './histogram-cell.js';
import type { FastLane } from './fast-lane.js';

/** What a reader selects aggregation and temporality with (a `PushMetricExporter` has both, optional). */
export interface ReaderSelectors {
  selectAggregationTemporality?(instrumentType: InstrumentType): AggregationTemporality;
  selectAggregation?(instrumentType: InstrumentType): AggregationOption;
}

const EMPTY_RESOURCE = emptyResource();

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
  ) {}

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
    for (const { scope, storages } of this.fastLane.scopes.values()) {
      const metrics: HistogramMetricData[] = [];
      for (const storage of storages.values()) {
        const dataPoints = this.points(storage, endTime);
        if (dataPoints.length === 0) continue;
        metrics.push({ descriptor: storage.descriptor, aggregationTemporality: this.temporality, dataPointType: DataPointType.HISTOGRAM, dataPoints });
      }
      if (metrics.length > 0) scopeMetrics.push({ scope, metrics });
    }
    this.lastCollection = endTime;
    return scopeMetrics;
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
