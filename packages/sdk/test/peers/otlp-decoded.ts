/**
 * The plain-object shape of a decoded `ExportMetricsServiceRequest` as the receiver hands it out:
 * protobufjs `toObject` with `longs: String, enums: String, defaults: true, arrays: true`.
 * Unset message fields are `null`; 64-bit integers are decimal strings; enums are their names.
 */
export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values: OtlpAnyValue[] };
  kvlistValue?: { values: OtlpKeyValue[] };
  bytesValue?: string;
}
export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue | null;
}
export interface OtlpNumberDataPoint {
  attributes: OtlpKeyValue[];
  startTimeUnixNano: string;
  timeUnixNano: string;
  asDouble?: number;
  asInt?: string;
}
export interface OtlpHistogramDataPoint {
  attributes: OtlpKeyValue[];
  startTimeUnixNano: string;
  timeUnixNano: string;
  count: string;
  sum?: number;
  bucketCounts: string[];
  explicitBounds: number[];
  min?: number;
  max?: number;
}
export interface OtlpExponentialHistogramDataPoint {
  attributes: OtlpKeyValue[];
  count: string;
  sum?: number;
  scale: number;
  zeroCount: string;
  positive: { offset: number; bucketCounts: string[] } | null;
  negative: { offset: number; bucketCounts: string[] } | null;
  min?: number;
  max?: number;
}
export interface OtlpMetric {
  name: string;
  description: string;
  unit: string;
  sum?: { dataPoints: OtlpNumberDataPoint[]; aggregationTemporality: string; isMonotonic: boolean };
  gauge?: { dataPoints: OtlpNumberDataPoint[] };
  histogram?: { dataPoints: OtlpHistogramDataPoint[]; aggregationTemporality: string };
  exponentialHistogram?: { dataPoints: OtlpExponentialHistogramDataPoint[]; aggregationTemporality: string };
}
export interface OtlpScopeMetrics {
  scope: { name: string; version: string } | null;
  metrics: OtlpMetric[];
}
export interface OtlpResourceMetrics {
  resource: { attributes: OtlpKeyValue[] } | null;
  scopeMetrics: OtlpScopeMetrics[];
}
export interface OtlpExportRequest {
  resourceMetrics: OtlpResourceMetrics[];
}

/** An attribute value as a plain JS value (`intValue` becomes a number). */
export function anyValue(value: OtlpAnyValue | null): unknown {
  if (value === null) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return value.arrayValue.values.map(anyValue);
  if (value.kvlistValue !== undefined) return attributesOf(value.kvlistValue.values);
  return value.bytesValue;
}

/** OTLP key-values as a record. */
export function attributesOf(kvs: OtlpKeyValue[]): Record<string, unknown> {
  return Object.fromEntries(kvs.map((kv) => [kv.key, anyValue(kv.value)]));
}

/** One metric with where it came from. */
export interface FoundMetric {
  resource: Record<string, unknown>;
  scope: string;
  metric: OtlpMetric;
}

/** Every occurrence of metric `name` across the requests, in arrival order. */
export function findMetrics(requests: readonly OtlpExportRequest[], name: string): FoundMetric[] {
  return requests.flatMap((request) =>
    request.resourceMetrics.flatMap((rm) =>
      rm.scopeMetrics.flatMap((sm) =>
        sm.metrics
          .filter((metric) => metric.name === name)
          .map((metric) => ({ resource: attributesOf(rm.resource?.attributes ?? []), scope: sm.scope?.name ?? '', metric })),
      ),
    ),
  );
}

/** The last occurrence of metric `name`; throws naming the metrics that did arrive when it is absent. */
export function lastMetric(requests: readonly OtlpExportRequest[], name: string): FoundMetric {
  const found = findMetrics(requests, name).at(-1);
  if (found === undefined) {
    const names = new Set(requests.flatMap((r) => r.resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics.map((m) => m.name)))));
    throw new Error(`metric ${name} not received; received: ${[...names].join(', ') || 'nothing'}`);
  }
  return found;
}
