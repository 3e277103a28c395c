import type { HrTime } from '@opentelemetry/api';
import { ValueType } from '@opentelemetry/api';
import type { DataPoint, ExponentialHistogram, Histogram, MetricData, ResourceMetrics, ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import { hrTimeToNanosString } from './hr-time-nanos.js';
import { toOtlpJsonAttributes } from './otlp-json-attributes.js';
import type { ScopeFields } from './otlp-scope-fields.js';

// Why hand-written: OTel's JsonMetricsSerializer lives in @opentelemetry/otlp-transformer, whose
// only install path drags in the trace and logs SDKs (issue 9: footprint). Like OTel's, it builds
// the request as plain objects and calls JSON.stringify once (measured: writing the JSON text by
// hand was 1.6x slower than that); key order, omitted keys (undefined) and number formatting are
// those of otlp-transformer 0.223 / 0.301 (they encode alike), and the differential tests in
// test/exporters/otlp/ hold it to that byte for byte.

const encoder = new TextEncoder();


/** Converts HrTimes to OTLP/JSON strings, reusing the last one: the points of a metric share their times. */
function timeConverter(): (time: HrTime) => string {
  let seconds = NaN;
  let nanos = NaN;
  let text = '';
  return (time) => {
    if (time[0] !== seconds || time[1] !== nanos) {
      text = hrTimeToNanosString(time);
      [seconds, nanos] = time;
    }
    return text;
  };
}

function temporality(value: AggregationTemporality): 1 | 2 | undefined {
  if (value === AggregationTemporality.DELTA) return 1;
  if (value === AggregationTemporality.CUMULATIVE) return 2;
  return undefined;
}

function toMetric(metric: MetricData, time: (time: HrTime) => string): object {
  const d = metric.descriptor;
  const out: Record<string, unknown> = { name: d.name, description: d.description, unit: d.unit };
  const aggregationTemporality = temporality(metric.aggregationTemporality);
  const numberPoint = (point: DataPoint<number>): object => {
    const value: Record<string, unknown> = { attributes: toOtlpJsonAttributes(point.attributes), startTimeUnixNano: time(point.startTime), timeUnixNano: time(point.endTime) };
    if (d.valueType === ValueType.INT) value.asInt = point.value;
    else if (d.valueType === ValueType.DOUBLE) value.asDouble = point.value;
    return value;
  };
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      out.sum = { aggregationTemporality, isMonotonic: metric.isMonotonic, dataPoints: metric.dataPoints.map(numberPoint) };
      break;
    case DataPointType.GAUGE:
      out.gauge = { dataPoints: metric.dataPoints.map(numberPoint) };
      break;
    case DataPointType.HISTOGRAM:
      out.histogram = {
        aggregationTemporality,
        dataPoints: metric.dataPoints.map(({ attributes, startTime, endTime, value: h }: DataPoint<Histogram>) => ({
          attributes: toOtlpJsonAttributes(attributes),
          bucketCounts: h.buckets.counts,
          explicitBounds: h.buckets.boundaries,
          count: h.count,
          sum: h.sum,
          min: h.min,
          max: h.max,
          startTimeUnixNano: time(startTime),
          timeUnixNano: time(endTime),
        })),
      };
      break;
    case DataPointType.EXPONENTIAL_HISTOGRAM:
      out.exponentialHistogram = {
        aggregationTemporality,
        dataPoints: metric.dataPoints.map(({ attributes, startTime, endTime, value: h }: DataPoint<ExponentialHistogram>) => ({
          attributes: toOtlpJsonAttributes(attributes),
          count: h.count,
          min: h.min,
          max: h.max,
          sum: h.sum,
          positive: { offset: h.positive.offset, bucketCounts: h.positive.bucketCounts },
          negative: { offset: h.negative.offset, bucketCounts: h.negative.bucketCounts },
          scale: h.scale,
          zeroCount: h.zeroCount,
          startTimeUnixNano: time(startTime),
          timeUnixNano: time(endTime),
        })),
      };
      break;
  }
  return out;
}

function toScope(scope: ScopeFields): object {
  const out: Record<string, unknown> = { name: scope.name, version: scope.version };
  if (scope.attributes && Object.keys(scope.attributes).length > 0) {
    out.attributes = toOtlpJsonAttributes(scope.attributes);
    out.droppedAttributesCount = scope.droppedAttributesCount ?? 0;
  }
  return out;
}

function toScopeMetrics(entry: ScopeMetrics, time: (time: HrTime) => string): object {
  const scope = entry.scope as ScopeFields;
  return { scope: toScope(scope), metrics: entry.metrics.map((metric) => toMetric(metric, time)), schemaUrl: scope.schemaUrl };
}

/**
 * One collection as an OTLP/JSON `ExportMetricsServiceRequest` (UTF-8 bytes), byte-identical to
 * `JsonMetricsSerializer.serializeRequest` of `@opentelemetry/otlp-transformer` 0.223 and 0.301:
 * 64-bit times as decimal strings, counts as numbers, enums as integers, NaN and ±Infinity as
 * `null` and -0 as `0` (what `JSON.stringify` gives). Uses no Node built-ins, so it also runs in
 * browsers. Throws a RangeError for a data point time that is NaN or infinite, as OTel's does.
 *
 * @example
 * ```ts
 * const { resourceMetrics } = await reader.collect();
 * const body = encodeOtlpJson(resourceMetrics); // POST to <endpoint>/v1/metrics as application/json
 * ```
 */
export function encodeOtlpJson(data: ResourceMetrics): Uint8Array {
  const schemaUrl = data.resource.schemaUrl ? data.resource.schemaUrl : undefined;
  const time = timeConverter();
  const request = {
    resourceMetrics: [
      {
        resource: { attributes: toOtlpJsonAttributes(data.resource.attributes), droppedAttributesCount: 0, schemaUrl },
        schemaUrl,
        scopeMetrics: data.scopeMetrics.map((entry) => toScopeMetrics(entry, time)),
      },
    ],
  };
  return encoder.encode(JSON.stringify(request));
}
