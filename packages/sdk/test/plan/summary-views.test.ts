import { AggregationType, DataPointType, type ExponentialHistogram } from '@opentelemetry/sdk-metrics';
import { createMetricsFacade } from '../../src/facade/metrics-facade';
import { SUMMARY_METER_NAME } from '../../src/plan/meter-names';
import { summaryViews } from '../../src/plan/plan-views';
import { createTestProvider, findMetric } from '../facade/support/metrics-test-kit';

describe('summaryViews', () => {
  it('selects the summary meter and aggregates as an exponential histogram of 160 buckets by default', () => {
    expect(summaryViews()).toEqual([
      {
        meterName: SUMMARY_METER_NAME,
        instrumentType: 'HISTOGRAM',
        aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM, options: { maxSize: 160 } },
      },
    ]);
    expect(summaryViews({ maxSize: 40, cardinalityLimit: 10 })[0]).toMatchObject({
      aggregation: { options: { maxSize: 40 } },
      aggregationCardinalityLimit: 10,
    });
  });

  it('makes summary() export a base-2 exponential histogram, while histogram() stays explicit', async () => {
    const { provider, collect } = createTestProvider(summaryViews({ maxSize: 20 }));
    const facade = createMetricsFacade(provider);
    const sizes = facade.summary('response.size', { tool: 'search' }, { unit: 'By', description: 'Response sizes' });
    for (let i = 1; i <= 1000; i++) sizes.record(i);
    facade.histogram('response.size.explicit').record(1);

    const collected = await collect();
    const summary = findMetric(collected, 'response.size', SUMMARY_METER_NAME);
    expect(summary?.dataPointType).toBe(DataPointType.EXPONENTIAL_HISTOGRAM);
    expect(summary?.descriptor).toMatchObject({ unit: 'By', description: 'Response sizes' });
    const value = summary!.dataPoints[0]!.value as ExponentialHistogram;
    expect(value).toMatchObject({ count: 1000, sum: 500500, min: 1, max: 1000 });
    expect(value.positive.bucketCounts.length).toBeLessThanOrEqual(20);
    expect(summary!.dataPoints[0]!.attributes).toEqual({ tool: 'search' });
    expect(findMetric(collected, 'response.size.explicit')?.dataPointType).toBe(DataPointType.HISTOGRAM);
  });
});
