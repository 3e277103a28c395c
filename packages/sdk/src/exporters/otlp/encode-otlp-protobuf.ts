import type { HrTime } from '@opentelemetry/api';
import { ValueType } from '@opentelemetry/api';
import type { DataPoint, ExponentialHistogram, Histogram, MetricData, ResourceMetrics, ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import { hrTimeToFixed64 } from './hr-time-nanos.js';
import { writeAttributes } from './otlp-protobuf-attributes.js';
import { FIXED64, LENGTH_DELIMITED, ProtobufWriter, VARINT } from './protobuf-writer.js';
import type { ScopeFields } from './otlp-scope-fields.js';

// Why hand-written: OTel's ProtobufMetricsSerializer lives in @opentelemetry/otlp-transformer,
// whose only install path drags in the trace and logs SDKs (issue 9: footprint). Field numbers are
// those of opentelemetry/proto/metrics/v1/metrics.proto; which fields are left out when empty, and
// their order, follow otlp-transformer 0.223 / 0.301 (they encode alike), so the bytes are the
// same; the differential tests in test/exporters/otlp/ hold it to that.


function time(w: ProtobufWriter, field: number, value: HrTime): void {
  w.tag(field, FIXED64);
  const [low, high] = hrTimeToFixed64(value);
  w.fixed64(low, high);
}

function optionalDouble(w: ProtobufWriter, field: number, value: number | undefined): void {
  if (value === undefined) return;
  w.tag(field, FIXED64);
  w.double(value);
}

/** NumberDataPoint: 2 start, 3 time, 6 as_int (sfixed64) or 4 as_double, 7 attributes. */
function numberPoint(w: ProtobufWriter, point: DataPoint<number>, valueType: ValueType | undefined): void {
  time(w, 2, point.startTime);
  time(w, 3, point.endTime);
  if (valueType === ValueType.INT) {
    w.tag(6, FIXED64);
    w.sfixed64(point.value);
  } else {
    w.tag(4, FIXED64);
    w.double(point.value);
  }
  if (point.attributes) writeAttributes(w, point.attributes, 7);
}

/** HistogramDataPoint: 2, 3 times, 4 count, 5 sum, 6 bucket_counts, 7 explicit_bounds (packed), 9 attributes, 11 min, 12 max. */
function histogramPoint(w: ProtobufWriter, point: DataPoint<Histogram>): void {
  const h = point.value;
  time(w, 2, point.startTime);
  time(w, 3, point.endTime);
  w.tag(4, FIXED64);
  w.fixed64Number(h.count);
  optionalDouble(w, 5, h.sum);
  if (h.buckets.counts.length > 0) {
    w.tag(6, LENGTH_DELIMITED);
    const start = w.begin();
    for (const count of h.buckets.counts) w.fixed64Number(count);
    w.end(start);
  }
  if (h.buckets.boundaries.length > 0) {
    w.tag(7, LENGTH_DELIMITED);
    const start = w.begin();
    for (const bound of h.buckets.boundaries) w.double(bound);
    w.end(start);
  }
  if (point.attributes) writeAttributes(w, point.attributes, 9);
  optionalDouble(w, 11, h.min);
  optionalDouble(w, 12, h.max);
}

/** ExponentialHistogramDataPoint.Buckets: 1 offset (sint32), 2 bucket_counts (packed uint64). */
function buckets(w: ProtobufWriter, field: number, value: ExponentialHistogram['positive']): void {
  w.tag(field, LENGTH_DELIMITED);
  const start = w.begin();
  if (value.offset !== 0) {
    w.tag(1, VARINT);
    w.sint32(value.offset);
  }
  if (value.bucketCounts.length > 0) {
    w.tag(2, LENGTH_DELIMITED);
    const counts = w.begin();
    for (const count of value.bucketCounts) w.varint(count);
    w.end(counts);
  }
  w.end(start);
}

/** ExponentialHistogramDataPoint: 1 attributes, 2, 3 times, 4 count, 5 sum, 6 scale, 7 zero_count, 8/9 buckets, 12 min, 13 max. */
function exponentialPoint(w: ProtobufWriter, point: DataPoint<ExponentialHistogram>): void {
  const h = point.value;
  if (point.attributes) writeAttributes(w, point.attributes, 1);
  time(w, 2, point.startTime);
  time(w, 3, point.endTime);
  w.tag(4, FIXED64);
  w.fixed64Number(h.count);
  optionalDouble(w, 5, h.sum);
  if (h.scale !== 0) {
    w.tag(6, VARINT);
    w.sint32(h.scale);
  }
  w.tag(7, FIXED64);
  w.fixed64Number(h.zeroCount);
  buckets(w, 8, h.positive);
  buckets(w, 9, h.negative);
  optionalDouble(w, 12, h.min);
  optionalDouble(w, 13, h.max);
}

function temporality(value: AggregationTemporality): number {
  if (value === AggregationTemporality.DELTA) return 1;
  if (value === AggregationTemporality.CUMULATIVE) return 2;
  return 0;
}

/** Repeated data points in field 1, then aggregation_temporality (2) unless unspecified. */
function points<T>(w: ProtobufWriter, metric: MetricData & { dataPoints: DataPoint<T>[] }, writePoint: (point: DataPoint<T>) => void, withTemporality: boolean): void {
  for (const point of metric.dataPoints) {
    w.tag(1, LENGTH_DELIMITED);
    const start = w.begin();
    writePoint(point);
    w.end(start);
  }
  const value = withTemporality ? temporality(metric.aggregationTemporality) : 0;
  if (value !== 0) {
    w.tag(2, VARINT);
    w.varint(value);
  }
}

/** Metric: 1 name, 2 description, 3 unit, then 5 gauge / 7 sum / 9 histogram / 10 exponential_histogram. */
function metricData(w: ProtobufWriter, metric: MetricData): void {
  const d = metric.descriptor;
  w.tag(1, LENGTH_DELIMITED);
  w.string(d.name);
  if (d.description) {
    w.tag(2, LENGTH_DELIMITED);
    w.string(d.description);
  }
  if (d.unit) {
    w.tag(3, LENGTH_DELIMITED);
    w.string(d.unit);
  }
  const number = (point: DataPoint<number>): void => numberPoint(w, point, d.valueType);
  let start: number;
  switch (metric.dataPointType) {
    case DataPointType.GAUGE:
      w.tag(5, LENGTH_DELIMITED);
      start = w.begin();
      points(w, metric, number, false);
      return w.end(start);
    case DataPointType.SUM:
      w.tag(7, LENGTH_DELIMITED);
      start = w.begin();
      points(w, metric, number, true);
      if (metric.isMonotonic) {
        w.tag(3, VARINT);
        w.varint(1);
      }
      return w.end(start);
    case DataPointType.HISTOGRAM:
      w.tag(9, LENGTH_DELIMITED);
      start = w.begin();
      points(w, metric, (point) => histogramPoint(w, point), true);
      return w.end(start);
    case DataPointType.EXPONENTIAL_HISTOGRAM:
      w.tag(10, LENGTH_DELIMITED);
      start = w.begin();
      points(w, metric, (point) => exponentialPoint(w, point), true);
      return w.end(start);
  }
}

/** InstrumentationScope: 1 name, 2 version, 3 attributes, 4 dropped_attributes_count. */
function scope(w: ProtobufWriter, value: ScopeFields): void {
  w.tag(1, LENGTH_DELIMITED);
  const start = w.begin();
  w.tag(1, LENGTH_DELIMITED);
  w.string(value.name);
  if (value.version) {
    w.tag(2, LENGTH_DELIMITED);
    w.string(value.version);
  }
  if (value.attributes) writeAttributes(w, value.attributes, 3);
  if (value.droppedAttributesCount) {
    w.tag(4, VARINT);
    w.varint(value.droppedAttributesCount);
  }
  w.end(start);
}

/** ScopeMetrics: 1 scope, 2 metrics, 3 schema_url. */
function scopeMetrics(w: ProtobufWriter, entry: ScopeMetrics): void {
  const s = entry.scope as ScopeFields;
  scope(w, s);
  for (const metric of entry.metrics) {
    w.tag(2, LENGTH_DELIMITED);
    const start = w.begin();
    metricData(w, metric);
    w.end(start);
  }
  if (s.schemaUrl) {
    w.tag(3, LENGTH_DELIMITED);
    w.string(s.schemaUrl);
  }
}

/**
 * One collection as an OTLP protobuf `ExportMetricsServiceRequest`, byte-identical to
 * `ProtobufMetricsSerializer.serializeRequest` of `@opentelemetry/otlp-transformer` 0.223 and 0.301
 * (times as fixed64 nanoseconds, int sums as sfixed64, packed bucket counts, zigzag offsets).
 * Uses no Node built-ins, so it also runs in browsers. Never throws for data an SDK collects.
 *
 * @example
 * ```ts
 * const { resourceMetrics } = await reader.collect();
 * const body = encodeOtlpProtobuf(resourceMetrics); // POST as application/x-protobuf
 * ```
 */
export function encodeOtlpProtobuf(data: ResourceMetrics): Uint8Array {
  const w = new ProtobufWriter();
  w.tag(1, LENGTH_DELIMITED); // ExportMetricsServiceRequest.resource_metrics
  const resourceMetrics = w.begin();
  // ResourceMetrics: 1 resource (1 attributes, 2 dropped_attributes_count: always written, 0), 2 scope_metrics, 3 schema_url.
  w.tag(1, LENGTH_DELIMITED);
  const resource = w.begin();
  if (data.resource.attributes) writeAttributes(w, data.resource.attributes, 1);
  w.tag(2, VARINT);
  w.varint(0);
  w.end(resource);
  for (const entry of data.scopeMetrics) {
    w.tag(2, LENGTH_DELIMITED);
    const start = w.begin();
    scopeMetrics(w, entry);
    w.end(start);
  }
  if (data.resource.schemaUrl) {
    w.tag(3, LENGTH_DELIMITED);
    w.string(data.resource.schemaUrl);
  }
  w.end(resourceMetrics);
  return w.finish();
}
