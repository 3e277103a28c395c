import type { Attributes, HrTime } from '@opentelemetry/api';
import { ValueType } from '@opentelemetry/api';
import type {
  DataPoint,
  ExponentialHistogram,
  Histogram,
  MetricData,
  ResourceMetrics,
  ScopeMetrics,
} from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import { hrTimeToNanosString } from './hr-time-nanos.js';
import { jsonAttributes, jsonField } from './otlp-json-attributes.js';

// Why hand-written: OTel's JsonMetricsSerializer lives in @opentelemetry/otlp-transformer, whose
// only install path drags in the trace and logs SDKs (issue 9: footprint), and it builds the whole
// request as objects before JSON.stringify. This writes the same bytes directly. Field order,
// omissions and number formatting follow otlp-transformer 0.223 / 0.301 (they encode alike); the
// differential tests in test/exporters/otlp/ hold it to that byte for byte.

const encoder = new TextEncoder();

/** The scope fields this encoder reads; `attributes` exist on scopes of newer SDKs only. */
interface ScopeFields {
  name: string;
  version?: string;
  schemaUrl?: string;
  attributes?: Attributes;
  droppedAttributesCount?: number;
}

let lastTime: HrTime | undefined;
let lastTimeText = '';

/** Data points of one collection share their times, so the last conversion is kept. */
function time(value: HrTime): string {
  if (value !== lastTime) {
    lastTimeText = `"${hrTimeToNanosString(value)}"`;
    lastTime = value;
  }
  return lastTimeText;
}

function temporality(value: AggregationTemporality): 1 | 2 | undefined {
  if (value === AggregationTemporality.DELTA) return 1;
  if (value === AggregationTemporality.CUMULATIVE) return 2;
  return undefined;
}

function times(point: DataPoint<unknown>): string {
  return `,"startTimeUnixNano":${time(point.startTime)},"timeUnixNano":${time(point.endTime)}`;
}

/** A JSON object from `jsonField` parts (each starting with a comma, or empty when left out). */
function object(fields: string): string {
  return `{${fields.slice(1)}}`;
}

function numberPoint(point: DataPoint<number>, valueType: ValueType | undefined): string {
  const value = valueType === ValueType.INT ? jsonField('asInt', point.value) : valueType === ValueType.DOUBLE ? jsonField('asDouble', point.value) : '';
  return `{"attributes":${jsonAttributes(point.attributes)}${times(point)}${value}}`;
}

function histogramPoint(point: DataPoint<Histogram>): string {
  const h = point.value;
  return (
    `{"attributes":${jsonAttributes(point.attributes)}${jsonField('bucketCounts', h.buckets.counts)}` +
    `${jsonField('explicitBounds', h.buckets.boundaries)}${jsonField('count', h.count)}${jsonField('sum', h.sum)}` +
    `${jsonField('min', h.min)}${jsonField('max', h.max)}${times(point)}}`
  );
}

function buckets(value: ExponentialHistogram['positive']): string {
  return object(jsonField('offset', value.offset) + jsonField('bucketCounts', value.bucketCounts));
}

function exponentialPoint(point: DataPoint<ExponentialHistogram>): string {
  const h = point.value;
  return (
    `{"attributes":${jsonAttributes(point.attributes)}${jsonField('count', h.count)}${jsonField('min', h.min)}` +
    `${jsonField('max', h.max)}${jsonField('sum', h.sum)},"positive":${buckets(h.positive)},"negative":${buckets(h.negative)}` +
    `${jsonField('scale', h.scale)}${jsonField('zeroCount', h.zeroCount)}${times(point)}}`
  );
}

function metricData(metric: MetricData): string {
  const d = metric.descriptor;
  const head = jsonField('name', d.name) + jsonField('description', d.description) + jsonField('unit', d.unit);
  const aggregation = jsonField('aggregationTemporality', temporality(metric.aggregationTemporality));
  switch (metric.dataPointType) {
    case DataPointType.SUM: {
      const points = `,"dataPoints":[${metric.dataPoints.map((p) => numberPoint(p, d.valueType)).join(',')}]`;
      return object(`${head},"sum":${object(aggregation + jsonField('isMonotonic', metric.isMonotonic) + points)}`);
    }
    case DataPointType.GAUGE:
      return object(`${head},"gauge":{"dataPoints":[${metric.dataPoints.map((p) => numberPoint(p, d.valueType)).join(',')}]}`);
    case DataPointType.HISTOGRAM:
      return object(`${head},"histogram":${object(`${aggregation},"dataPoints":[${metric.dataPoints.map(histogramPoint).join(',')}]`)}`);
    case DataPointType.EXPONENTIAL_HISTOGRAM:
      return object(`${head},"exponentialHistogram":${object(`${aggregation},"dataPoints":[${metric.dataPoints.map(exponentialPoint).join(',')}]`)}`);
  }
  return object(head);
}

function scope(value: ScopeFields): string {
  let fields = jsonField('name', value.name) + jsonField('version', value.version);
  if (value.attributes && Object.keys(value.attributes).length > 0) {
    fields += `,"attributes":${jsonAttributes(value.attributes)}${jsonField('droppedAttributesCount', value.droppedAttributesCount ?? 0)}`;
  }
  return object(fields);
}

function scopeMetrics(entry: ScopeMetrics): string {
  const s = entry.scope as ScopeFields;
  return `{"scope":${scope(s)},"metrics":[${entry.metrics.map(metricData).join(',')}]${jsonField('schemaUrl', s.schemaUrl)}}`;
}

/**
 * One collection as an OTLP/JSON `ExportMetricsServiceRequest` (UTF-8 bytes), byte-identical to
 * `JsonMetricsSerializer.serializeRequest` of `@opentelemetry/otlp-transformer` 0.223 and 0.301:
 * 64-bit times as decimal strings, counts as numbers, ids of enums as integers, NaN and ±Infinity
 * as `null` (what `JSON.stringify` gives). Uses no Node built-ins, so it also runs in browsers.
 * Throws a RangeError for a data point time that is NaN or infinite, as OTel's serializer does.
 *
 * @example
 * ```ts
 * const { resourceMetrics } = await reader.collect();
 * const body = encodeOtlpJson(resourceMetrics); // POST to <endpoint>/v1/metrics as application/json
 * ```
 */
export function encodeOtlpJson(data: ResourceMetrics): Uint8Array {
  const schemaUrl = data.resource.schemaUrl ? jsonField('schemaUrl', data.resource.schemaUrl) : '';
  const resource = `{"attributes":${jsonAttributes(data.resource.attributes)},"droppedAttributesCount":0${schemaUrl}}`;
  lastTime = undefined;
  const scopes = data.scopeMetrics.map(scopeMetrics).join(',');
  return encoder.encode(`{"resourceMetrics":[{"resource":${resource}${schemaUrl},"scopeMetrics":[${scopes}]}]}`);
}
