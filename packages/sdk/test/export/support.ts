import type { ExponentialHistogram, Histogram, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { DataPointType, AggregationTemporality } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';

/** Freezes an object graph, so a transform that mutates its input throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

const time: [number, number] = [1_700_000_000, 0];

/** ResourceMetrics with one exponential and one explicit histogram and a counter, in scope `scope`. */
export function sampleResourceMetrics(scope: string, exponential: ExponentialHistogram, explicit: Histogram): ResourceMetrics {
  const descriptor = (name: string, unit = '') => ({ name, description: '', unit, valueType: 1 });
  return {
    resource: resourceFromAttributes({ 'service.name': 'test' }),
    scopeMetrics: [
      {
        scope: { name: scope },
        metrics: [
          {
            descriptor: descriptor('exp', 's'),
            aggregationTemporality: AggregationTemporality.CUMULATIVE,
            dataPointType: DataPointType.EXPONENTIAL_HISTOGRAM,
            dataPoints: [{ attributes: { a: 'x' }, startTime: time, endTime: time, value: exponential }],
          },
          {
            descriptor: descriptor('explicit'),
            aggregationTemporality: AggregationTemporality.CUMULATIVE,
            dataPointType: DataPointType.HISTOGRAM,
            dataPoints: [{ attributes: {}, startTime: time, endTime: time, value: explicit }],
          },
          {
            descriptor: descriptor('count'),
            aggregationTemporality: AggregationTemporality.CUMULATIVE,
            dataPointType: DataPointType.SUM,
            isMonotonic: true,
            dataPoints: [{ attributes: {}, startTime: time, endTime: time, value: 7 }],
          },
        ],
      },
    ],
  };
}

/** The `le` -> cumulative count pairs of `metric`'s `_bucket` lines in Prometheus text. */
export function bucketLines(text: string, metric: string): Array<[string, number]> {
  const pattern = new RegExp(`^${metric}_bucket\\{.*le="([^"]+)"\\} (\\S+)$`);
  return text
    .split('\n')
    .map((line) => pattern.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1]!, Number(m[2])]);
}
