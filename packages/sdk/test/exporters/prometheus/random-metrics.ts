import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { ValueType } from '@opentelemetry/api';
import { emptyResource, resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import type { MetricData, ResourceMetrics, ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { point } from './metrics-fixtures.js';

export { seededRandom } from '../../support/seeded-random.js';

const NAME_CHARS = 'abcXYZ019_.-/ :\\\n"é';
const TEXT_CHARS = 'ab Z9_.-\\\n"\'{}=,#\t✓é';
const NUMBERS = [0, -0, 1, -1, 42, 0.1, 0.1 + 0.2, 1 / 3, -2.5, 1e-7, 1e21, 123456789012, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity];

/**
 * A random but valid-for-OTel `ResourceMetrics`: awkward names (digits first, dots, spaces,
 * backslashes, newlines), keys and values, every data point type, histograms with and without sum
 * and with an explicit `Infinity` boundary, empty metrics, empty scopes, empty resources.
 */
export function randomResourceMetrics(random: () => number): ResourceMetrics {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const text = (chars: string, max: number) => Array.from({ length: int(max + 1) }, () => chars[int(chars.length)]).join('');
  const nonEmpty = (chars: string, max: number) => pick(['a', 'b.c', 'x_total']) + text(chars, max);
  const value = (): AttributeValue =>
    pick<() => AttributeValue>([() => text(TEXT_CHARS, 8), () => pick(NUMBERS), () => random() < 0.5, () => [text(TEXT_CHARS, 3), 'x'], () => pick(['', 'tools/call'])])();
  const attributes = (): Attributes => Object.fromEntries(Array.from({ length: int(4) }, () => [pick([text(NAME_CHARS, 5) || 'k', '12', 'le', 'a.b']), value()]));
  const number = () => (random() < 0.6 ? int(1000) : pick(NUMBERS));

  const metric = (): MetricData => {
    const descriptor = {
      name: random() < 0.1 ? pick(['9lives', '_', '__', '...', 'x_total', 'x.total']) : nonEmpty(NAME_CHARS, 10),
      description: random() < 0.3 ? '' : text(TEXT_CHARS, 20),
      unit: random() < 0.5 ? '' : pick(['s', 'ms', 'By', '{call}', '1', text(TEXT_CHARS, 4)]),
      valueType: ValueType.DOUBLE,
    };
    const count = int(4);
    const base = { descriptor, aggregationTemporality: AggregationTemporality.CUMULATIVE };
    switch (int(4)) {
      case 0:
        return { ...base, dataPointType: DataPointType.SUM, isMonotonic: random() < 0.5, dataPoints: Array.from({ length: count }, () => point(number(), attributes())) };
      case 1:
        return { ...base, dataPointType: DataPointType.GAUGE, dataPoints: Array.from({ length: count }, () => point(number(), attributes())) };
      case 2: {
        const boundaries = [...new Set(Array.from({ length: int(6) }, () => pick([0, 0.5, 1, 2.5, 10, 1e-7, 1e21, -3])))].sort((a, b) => a - b);
        if (random() < 0.2) boundaries.push(Infinity);
        return {
          ...base,
          dataPointType: DataPointType.HISTOGRAM,
          dataPoints: Array.from({ length: count }, () => {
            const counts = Array.from({ length: boundaries.length + 1 }, () => int(5));
            const sum = random() < 0.2 ? undefined : number();
            return point({ buckets: { boundaries, counts }, count: counts.reduce((a, b) => a + b, 0), sum }, attributes());
          }),
        };
      }
      default:
        return {
          ...base,
          dataPointType: DataPointType.EXPONENTIAL_HISTOGRAM,
          dataPoints: [point({ count: 1, sum: 1, scale: 0, zeroCount: 0, positive: { offset: 0, bucketCounts: [1] }, negative: { offset: 0, bucketCounts: [] } })],
        };
    }
  };
  const scope = (): ScopeMetrics => ({
    scope: {
      name: random() < 0.1 ? '' : text(TEXT_CHARS, 12),
      version: pick([undefined, '', '1.0.0', text(TEXT_CHARS, 4)]),
      schemaUrl: pick([undefined, '', 'https://opentelemetry.io/schemas/1.30.0']),
    },
    metrics: Array.from({ length: int(5) }, metric),
  });
  const resource = random() < 0.2 ? emptyResource() : resourceFromAttributes(attributes());
  return { resource, scopeMetrics: Array.from({ length: int(4) }, scope) };
}
