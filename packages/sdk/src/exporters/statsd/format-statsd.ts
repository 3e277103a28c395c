import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import type { DataPoint, MetricData, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { exponentialHistogramSamples, explicitHistogramSamples, millisecondsPerUnit } from './statsd-histogram.js';
import type { TimerSample } from './statsd-histogram.js';
import { formatStatsdTags, prefixedStatsdName } from './statsd-names.js';
import { formatStatsdNumber } from './statsd-number.js';
import type { StatsdExporterOptions } from './statsd-options.js';

/** What the formatter needs from the exporter options. */
export type StatsdFormatOptions = Pick<StatsdExporterOptions, 'prefix' | 'tags'>;

/**
 * One collection as StatsD "units": a unit is one line, or the two lines of a negative gauge
 * (`0|g` then `-N|g`), which must travel in the same packet and in that order.
 *
 * Mapping: DELTA sums (counters) -> `|c`; CUMULATIVE sums (up-down counters) and gauges -> `|g`;
 * histograms -> `|ms` timer lines, one per non-empty bucket, `@1/count` telling the daemon how
 * many measurements the line stands for (histograms arrive already scaled back when the SDK
 * samples them, so no other sample rate applies).
 * Non-finite values are skipped.
 *
 * @example
 * ```ts
 * const units = formatStatsd(resourceMetrics, { prefix: 'app', tags: 'dogstatsd' });
 * // ['app.mcp.tool.calls:3|c|#mcp.tool.name:echo', 'app.mcp.sessions:0|g\napp.mcp.sessions:-1|g']
 * ```
 */
export function formatStatsd(resourceMetrics: ResourceMetrics, options: StatsdFormatOptions): string[] {
  const units: string[] = [];
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) appendMetric(units, metric, options);
  }
  return units;
}

function appendMetric(units: string[], metric: MetricData, options: StatsdFormatOptions): void {
  const name = prefixedStatsdName(options.prefix, metric.descriptor.name);
  switch (metric.dataPointType) {
    case DataPointType.SUM:
    case DataPointType.GAUGE: {
      const counter = metric.dataPointType === DataPointType.SUM && metric.aggregationTemporality === AggregationTemporality.DELTA;
      // Without tags the series of one metric share one name: counters add up in the daemon, and
      // absolute values are merged here as an OTel View dropping every attribute would (sums add,
      // gauges keep one value: the last reported).
      const points = options.tags === 'none' && !counter ? mergeAbsolute(metric) : metric.dataPoints;
      for (const point of points) {
        if (!Number.isFinite(point.value)) continue;
        units.push(counter ? counterLine(name, point, options) : gaugeUnit(name, point, options));
      }
      return;
    }
    case DataPointType.HISTOGRAM: {
      const factor = millisecondsPerUnit(metric.descriptor.unit);
      for (const point of metric.dataPoints) {
        appendTimers(units, name, point, explicitHistogramSamples(point.value), factor, options);
      }
      return;
    }
    case DataPointType.EXPONENTIAL_HISTOGRAM: {
      const factor = millisecondsPerUnit(metric.descriptor.unit);
      for (const point of metric.dataPoints) {
        appendTimers(units, name, point, exponentialHistogramSamples(point.value), factor, options);
      }
      return;
    }
  }
}

function counterLine(name: string, point: DataPoint<number>, options: StatsdFormatOptions): string {
  const tags = formatStatsdTags(point.attributes, options.tags);
  return `${name}${tags.keySuffix}:${formatStatsdNumber(point.value)}|c${tags.lineSuffix}`;
}

function gaugeUnit(name: string, point: DataPoint<number>, options: StatsdFormatOptions): string {
  const tags = formatStatsdTags(point.attributes, options.tags);
  const key = name + tags.keySuffix;
  const line = `${key}:${formatStatsdNumber(point.value)}|g${tags.lineSuffix}`;
  // A leading sign makes a gauge line a delta, so a negative value is sent as "set 0, add -N".
  return point.value < 0 ? `${key}:0|g${tags.lineSuffix}\n${line}` : line;
}

function appendTimers(
  units: string[],
  name: string,
  point: DataPoint<unknown>,
  samples: TimerSample[],
  factor: number,
  options: StatsdFormatOptions,
): void {
  const tags = formatStatsdTags(point.attributes, options.tags);
  for (const sample of samples) {
    const value = sample.value * factor;
    const rate = 1 / sample.count;
    if (!Number.isFinite(value) || !(rate > 0)) continue;
    const rateField = rate < 1 ? `|@${formatStatsdNumber(rate)}` : '';
    units.push(`${name}${tags.keySuffix}:${formatStatsdNumber(value)}|ms${rateField}${tags.lineSuffix}`);
  }
}

function mergeAbsolute(metric: MetricData): DataPoint<number>[] {
  const points = metric.dataPoints as DataPoint<number>[];
  if (points.length <= 1) return points;
  const last = points[points.length - 1] as DataPoint<number>;
  if (metric.dataPointType === DataPointType.GAUGE) return [{ ...last, attributes: {} }];
  const value = points.reduce((sum, point) => sum + point.value, 0);
  return [{ ...last, attributes: {}, value }];
}
