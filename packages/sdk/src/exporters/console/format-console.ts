import { DataPointType } from '@opentelemetry/sdk-metrics';
import type { DataPoint, Histogram, ExponentialHistogram, MetricData, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { Attributes, HrTime } from '@opentelemetry/api';

/** A data point reduced to plain JSON values. */
type PlainValue = number | { count: number; sum?: number; min?: number; max?: number; buckets?: Record<string, number>; scale?: number };

/**
 * One JSON document per collection: resource attributes, then each metric with its data points.
 * Pure: testable without a reader.
 */
export function formatConsoleJson(resourceMetrics: ResourceMetrics): string {
  return JSON.stringify({
    resource: resourceMetrics.resource.attributes,
    scopeMetrics: resourceMetrics.scopeMetrics.map((scope) => ({
      scope: { name: scope.scope.name, version: scope.scope.version },
      metrics: scope.metrics.map((metric) => ({
        name: metric.descriptor.name,
        description: metric.descriptor.description,
        unit: metric.descriptor.unit,
        type: DataPointType[metric.dataPointType],
        dataPoints: dataPointsOf(metric).map((point) => ({
          attributes: point.attributes,
          startTime: hrTimeToIso(point.startTime),
          endTime: hrTimeToIso(point.endTime),
          value: plainValue(point.value),
        })),
      })),
    })),
  });
}

/**
 * One line per data point, aligned for reading in a terminal:
 * `mcp.tool.calls{tool="echo"} 3` and, for histograms, count, sum, min and max.
 */
export function formatConsoleTable(resourceMetrics: ResourceMetrics): string {
  const rows: [string, string][] = [];
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      const unit = metric.descriptor.unit === '' ? '' : ` ${metric.descriptor.unit}`;
      for (const point of dataPointsOf(metric)) {
        rows.push([metric.descriptor.name + formatAttributes(point.attributes), formatValue(plainValue(point.value)) + unit]);
      }
    }
  }
  if (rows.length === 0) return '(no data points)';
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${left.padEnd(width)}  ${right}`).join('\n');
}

function dataPointsOf(metric: MetricData): DataPoint<number | Histogram | ExponentialHistogram>[] {
  return metric.dataPoints;
}

function plainValue(value: number | Histogram | ExponentialHistogram): PlainValue {
  if (typeof value === 'number') return value;
  const plain: Exclude<PlainValue, number> = { count: value.count };
  if (value.sum !== undefined) plain.sum = value.sum;
  if (value.min !== undefined) plain.min = value.min;
  if (value.max !== undefined) plain.max = value.max;
  if ('buckets' in value) {
    const { boundaries, counts } = value.buckets;
    plain.buckets = Object.fromEntries(counts.map((count, i) => [`le=${boundaries[i] ?? '+Inf'}`, count]));
  } else {
    plain.scale = value.scale;
  }
  return plain;
}

function formatValue(value: PlainValue): string {
  if (typeof value === 'number') return String(value);
  const parts = [`count=${value.count}`];
  if (value.sum !== undefined) parts.push(`sum=${value.sum}`);
  if (value.min !== undefined) parts.push(`min=${value.min}`);
  if (value.max !== undefined) parts.push(`max=${value.max}`);
  return parts.join(' ');
}

function formatAttributes(attributes: Attributes): string {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return '';
  return `{${entries.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(', ')}}`;
}

function hrTimeToIso([seconds, nanos]: HrTime): string {
  return new Date(seconds * 1000 + Math.floor(nanos / 1e6)).toISOString();
}
