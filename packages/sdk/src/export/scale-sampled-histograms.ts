import type { InstrumentationScope } from '@opentelemetry/core';
import {
  DataPointType,
  type DataPoint,
  type ExponentialHistogram,
  type Histogram,
  type MetricData,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { mapMetrics } from './map-metrics.js';

/**
 * Divides integer counts by the sampling rate `p` and rounds them so the result stays consistent:
 * each running total `c` becomes `round(c / p)` and each count the difference of two such totals.
 * Rounding is monotone, so no count goes negative, cumulative buckets stay monotone, and the
 * grand total is `round(total / p)`: the `+Inf` bucket equals the scaled count.
 */
export class CountScaler {
  private raw = 0;
  private scaled = 0;

  constructor(private readonly rate: number) {}

  /** The scaled value of the next count in the sequence. */
  next(count: number): number {
    this.raw += count;
    const total = Math.round(this.raw / this.rate);
    const scaled = total - this.scaled;
    this.scaled = total;
    return scaled;
  }

  /** The scaled counts of a sequence of counts, continuing the running total. */
  all(counts: readonly number[]): number[] {
    return counts.map((count) => this.next(count));
  }
}

/** `count` scaled alone, as `CountScaler` scales the same total. */
export function scaleCount(count: number, rate: number): number {
  return Math.round(count / rate);
}

/** The rate the histograms of a scope were sampled at (1: not sampled). */
export type SampledRateLookup = (scope: InstrumentationScope) => number;

function scaleExplicit(value: Histogram, rate: number): Histogram {
  return {
    buckets: { boundaries: value.buckets.boundaries, counts: new CountScaler(rate).all(value.buckets.counts) },
    count: scaleCount(value.count, rate),
    sum: value.sum === undefined ? undefined : value.sum / rate,
    min: value.min,
    max: value.max,
  };
}

/** Buckets in value order (negatives from the most negative, zero, positives) share one scaler. */
function scaleExponential(value: ExponentialHistogram, rate: number): ExponentialHistogram {
  const scaler = new CountScaler(rate);
  const negative = scaler.all(value.negative.bucketCounts.slice().reverse()).reverse();
  const zeroCount = scaler.next(value.zeroCount);
  const positive = scaler.all(value.positive.bucketCounts);
  return {
    count: scaleCount(value.count, rate),
    sum: value.sum === undefined ? undefined : value.sum / rate,
    scale: value.scale,
    zeroCount,
    positive: { offset: value.positive.offset, bucketCounts: positive },
    negative: { offset: value.negative.offset, bucketCounts: negative },
    min: value.min,
    max: value.max,
  };
}

function scalePoints<T>(points: DataPoint<T>[], scale: (value: T) => T): DataPoint<T>[] {
  return points.map((point) => ({
    attributes: point.attributes,
    startTime: point.startTime,
    endTime: point.endTime,
    value: scale(point.value),
  }));
}

function scaleMetric(metric: MetricData, rate: number): MetricData {
  if (metric.dataPointType === DataPointType.HISTOGRAM) {
    return { ...metric, dataPoints: scalePoints(metric.dataPoints, (value) => scaleExplicit(value, rate)) };
  }
  if (metric.dataPointType === DataPointType.EXPONENTIAL_HISTOGRAM) {
    return { ...metric, dataPoints: scalePoints(metric.dataPoints, (value) => scaleExponential(value, rate)) };
  }
  return metric;
}

/**
 * Scales sampled histograms back to estimates of the true values (Horvitz-Thompson): count, sum and
 * bucket counts are divided by the rate each histogram was sampled at (counts rounded so buckets
 * stay monotone and sum to the count); min and max stay as observed. Other metrics, and histograms
 * with a rate of 1 (or 0: nothing was kept), pass through untouched. Never mutates its input.
 */
export function scaleSampledHistograms(resourceMetrics: ResourceMetrics, rateOf: SampledRateLookup): ResourceMetrics {
  return mapMetrics(resourceMetrics, (metric, scope) => {
    if (metric.dataPointType !== DataPointType.HISTOGRAM && metric.dataPointType !== DataPointType.EXPONENTIAL_HISTOGRAM) {
      return metric;
    }
    const rate = rateOf(scope);
    return rate > 0 && rate < 1 ? scaleMetric(metric, rate) : metric;
  });
}
