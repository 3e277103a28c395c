import type { Attributes } from '@opentelemetry/api';
import { emptyResource } from '@opentelemetry/resources';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import type { MetricData, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { SeriesKind } from '../../src/history/history-types';

/** One point of a synthetic metric: a number, or a histogram (bounds, per-bucket counts, sum). */
export type SyntheticPoint =
  | { attributes: Attributes; value: number }
  | { attributes: Attributes; histogram: { bounds: number[]; counts: number[]; sum: number } };

/** One metric of a synthetic collection. */
export interface SyntheticMetric {
  name: string;
  kind: SeriesKind;
  unit?: string;
  scope?: string;
  points: SyntheticPoint[];
}

const HR = [0, 0] as [number, number];

/**
 * A `ResourceMetrics` as a cumulative reader would collect it, built from plain data, so tests can
 * write what OTel instruments cannot (a counter that resets, a series that comes and goes).
 */
export function collection(metrics: SyntheticMetric[]): ResourceMetrics {
  const byScope = new Map<string, MetricData[]>();
  for (const metric of metrics) {
    const scope = metric.scope ?? 'test';
    const list = byScope.get(scope) ?? [];
    list.push(metricData(metric));
    byScope.set(scope, list);
  }
  return {
    resource: emptyResource(),
    scopeMetrics: [...byScope].map(([name, list]) => ({ scope: { name }, metrics: list })),
  };
}

function metricData(metric: SyntheticMetric): MetricData {
  const descriptor = { name: metric.name, description: '', unit: metric.unit ?? '', valueType: 1 };
  const common = { descriptor, aggregationTemporality: AggregationTemporality.CUMULATIVE };
  if (metric.kind === 'histogram') {
    return {
      ...common,
      dataPointType: DataPointType.HISTOGRAM,
      dataPoints: metric.points.map((point) => {
        if (!('histogram' in point)) throw new Error(`${metric.name}: a histogram point needs "histogram"`);
        const { bounds, counts, sum } = point.histogram;
        const count = counts.reduce((a, b) => a + b, 0);
        return { attributes: point.attributes, startTime: HR, endTime: HR, value: { buckets: { boundaries: bounds, counts }, count, sum, min: 0, max: 0 } };
      }),
    };
  }
  const dataPoints = metric.points.map((point) => {
    if (!('value' in point)) throw new Error(`${metric.name}: a ${metric.kind} point needs "value"`);
    return { attributes: point.attributes, startTime: HR, endTime: HR, value: point.value };
  });
  if (metric.kind === 'gauge') return { ...common, dataPointType: DataPointType.GAUGE, dataPoints };
  return { ...common, dataPointType: DataPointType.SUM, isMonotonic: metric.kind === 'counter', dataPoints };
}
