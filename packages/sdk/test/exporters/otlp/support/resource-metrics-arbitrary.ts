import type { Attributes, HrTime } from '@opentelemetry/api';
import { ValueType } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { MetricData, ResourceMetrics, ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import fc from 'fast-check';

// ResourceMetrics as an SDK could hand them to an exporter, with the edges an encoder gets wrong:
// every data point type, every attribute value type (nested, empty, null, undefined, bytes, int64
// limits), NaN/±Infinity/-0, times past 2^53 ns and up to the uint64 limit, exponential histograms
// with negative offsets, empty and zero buckets, histograms without min/max/sum, empty scopes and
// metrics, schema URLs present, empty and absent, non-ASCII and lone-surrogate strings.

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.constant(''));
const double = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 0.1, 1e21, 2 ** 53 + 2, -(2 ** 63), 2 ** 63, 2 ** 64));
const integer = fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constantFrom(0, -1, 2 ** 32, 2 ** 53, -(2 ** 63), 2 ** 62));
const count = fc.oneof(fc.nat({ max: 1000 }), fc.maxSafeNat());

const attributeValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    integer,
    double,
    fc.boolean(),
    fc.constantFrom(null, undefined),
    fc.uint8Array({ maxLength: 8 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(text, tie('value'), { maxKeys: 3 }),
  ),
})).value;

const attributes = fc.dictionary(text, attributeValue, { maxKeys: 4 }) as fc.Arbitrary<Attributes>;
const hrTime: fc.Arbitrary<HrTime> = fc.tuple(
  fc.oneof(fc.constantFrom(0, 1, 1_700_000_000, 18_446_744_073, 2 ** 40), fc.integer({ min: 0, max: 2 ** 35 })),
  fc.oneof(fc.constantFrom(0, 999_999_999), fc.integer({ min: 0, max: 999_999_999 })),
);
const temporality = fc.constantFrom(AggregationTemporality.DELTA, AggregationTemporality.CUMULATIVE);
const point = <T>(value: fc.Arbitrary<T>) => fc.record({ attributes, startTime: hrTime, endTime: hrTime, value });
const descriptor = fc.record({
  name: text,
  description: text,
  unit: text,
  valueType: fc.constantFrom(ValueType.INT, ValueType.DOUBLE, undefined),
});

const histogram = fc.record(
  {
    buckets: fc.record({ boundaries: fc.array(double, { maxLength: 4 }), counts: fc.array(count, { maxLength: 5 }) }),
    count,
    sum: double,
    min: double,
    max: double,
  },
  { requiredKeys: ['buckets', 'count'] },
);
const exponentialBuckets = fc.record({ offset: fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(0, -1, 1)), bucketCounts: fc.array(count, { maxLength: 5 }) });
const exponentialHistogram = fc.record(
  { count, sum: double, min: double, max: double, scale: fc.integer({ min: -10, max: 20 }), zeroCount: count, positive: exponentialBuckets, negative: exponentialBuckets },
  { requiredKeys: ['count', 'scale', 'zeroCount', 'positive', 'negative'] },
);

const metric: fc.Arbitrary<MetricData> = fc.oneof(
  fc.record({ descriptor, aggregationTemporality: temporality, dataPointType: fc.constant(DataPointType.SUM), isMonotonic: fc.boolean(), dataPoints: fc.array(point(fc.oneof(double, integer)), { maxLength: 3 }) }),
  fc.record({ descriptor, aggregationTemporality: temporality, dataPointType: fc.constant(DataPointType.GAUGE), dataPoints: fc.array(point(fc.oneof(double, integer)), { maxLength: 3 }) }),
  fc.record({ descriptor, aggregationTemporality: temporality, dataPointType: fc.constant(DataPointType.HISTOGRAM), dataPoints: fc.array(point(histogram), { maxLength: 3 }) }),
  fc.record({ descriptor, aggregationTemporality: temporality, dataPointType: fc.constant(DataPointType.EXPONENTIAL_HISTOGRAM), dataPoints: fc.array(point(exponentialHistogram), { maxLength: 3 }) }),
) as fc.Arbitrary<MetricData>;

const scope = fc.record(
  { name: text, version: text, schemaUrl: text, attributes, droppedAttributesCount: fc.nat({ max: 5 }) },
  { requiredKeys: ['name'] },
);

/** A ResourceMetrics of arbitrary content (the resource is a plain object with the two fields encoders read). */
export const resourceMetrics: fc.Arbitrary<ResourceMetrics> = fc.record({
  resource: fc.record({ attributes, schemaUrl: text }, { requiredKeys: ['attributes'] }) as unknown as fc.Arbitrary<Resource>,
  scopeMetrics: fc.array(fc.record({ scope, metrics: fc.array(metric, { maxLength: 3 }) }) as fc.Arbitrary<ScopeMetrics>, { maxLength: 3 }),
});
