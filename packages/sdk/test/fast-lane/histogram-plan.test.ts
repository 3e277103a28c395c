import { AggregationType, MeterProvider, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';
import { DEFAULT_HISTOGRAM_BOUNDARIES, explicitBoundaries, planHistogram, planMeter, type MeterPlan } from '../../src/fast-lane/histogram-plan';

type FastMeterPlan = Extract<MeterPlan, { lane: 'fast' }>;
import { TestReader } from '../facade/support/metrics-test-kit';
import { component } from './support';

const config = (components = {}) => ({ components, cardinalityLimit: 2000 });

describe('planMeter', () => {
  it('matches component keys the way createViews does (exact meter names, our prefixes)', () => {
    const components = { mcp: component({ attributes: ['a'] }), 'my-app': component({ histogramBuckets: [1] }) };
    expect(planMeter('@mcp-otel/instrumentation/mcp', config(components))).toEqual({ lane: 'fast', view: { buckets: undefined, allowList: new Set(['a']) } });
    expect(planMeter('my-app', config(components))).toEqual({ lane: 'fast', view: { buckets: [1], allowList: undefined } });
    // createViews makes views for `key` and our prefixes only; other `/mcp` meters get none.
    expect(planMeter('vendor/mcp', config(components))).toEqual({ lane: 'fast', view: undefined });
    expect(planMeter('x', config({ x: component() }))).toEqual({ lane: 'fast', view: undefined });
  });
});

describe('planHistogram', () => {
  const noView: FastMeterPlan = { lane: 'fast', view: undefined };

  it('takes the advice under the default aggregation, else OTel’s default boundaries', () => {
    expect(planHistogram(noView, { explicitBucketBoundaries: [5, 1] }, [{ type: AggregationType.DEFAULT }])?.boundaries).toEqual([1, 5]);
    expect(planHistogram(noView, undefined, [{ type: AggregationType.DEFAULT }])?.boundaries).toEqual(DEFAULT_HISTOGRAM_BOUNDARIES);
    // A reader's explicit aggregation without options means OTel's defaults, advice ignored.
    expect(planHistogram(noView, { explicitBucketBoundaries: [5] }, [{ type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM }])?.boundaries).toEqual(
      DEFAULT_HISTOGRAM_BOUNDARIES,
    );
  });

  it('lets a view’s buckets win over advice and readers', () => {
    const view: FastMeterPlan = { lane: 'fast', view: { buckets: [3, 2], allowList: undefined } };
    expect(planHistogram(view, { explicitBucketBoundaries: [5] }, [{ type: AggregationType.EXPONENTIAL_HISTOGRAM }])).toEqual({
      boundaries: [2, 3],
      recordMinMax: true,
      allowList: undefined,
    });
  });
});

describe('explicitBoundaries', () => {
  it('keeps what OTel keeps: sorted, infinities removed (checked against the SDK)', async () => {
    const raw = [10, -Infinity, 1, Infinity, 5, -3];
    const reader = new TestReader();
    const provider = new MeterProvider({ readers: [reader] });
    provider.getMeter('m').createHistogram('h', { advice: { explicitBucketBoundaries: raw } }).record(1);
    const { resourceMetrics } = await reader.collect();
    const point = resourceMetrics.scopeMetrics[0]!.metrics[0]!.dataPoints[0] as DataPoint<Histogram>;
    expect(explicitBoundaries(raw)).toEqual(point.value.buckets.boundaries);
    expect(explicitBoundaries(raw)).toEqual([-3, 1, 5, 10]);
    await provider.shutdown();
  });
});
