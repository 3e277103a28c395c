import { AggregationTemporality, InstrumentType } from '@opentelemetry/sdk-metrics';
import { statsdTemporality } from '../../../src/exporters/statsd/statsd-temporality.js';

describe('statsdTemporality', () => {
  it('makes counters and histograms DELTA, up-down counters and gauges CUMULATIVE', () => {
    expect(Object.values(InstrumentType).map((type) => [type, statsdTemporality(type)])).toEqual([
      [InstrumentType.COUNTER, AggregationTemporality.DELTA],
      [InstrumentType.GAUGE, AggregationTemporality.CUMULATIVE],
      [InstrumentType.HISTOGRAM, AggregationTemporality.DELTA],
      [InstrumentType.UP_DOWN_COUNTER, AggregationTemporality.CUMULATIVE],
      [InstrumentType.OBSERVABLE_COUNTER, AggregationTemporality.DELTA],
      [InstrumentType.OBSERVABLE_GAUGE, AggregationTemporality.CUMULATIVE],
      [InstrumentType.OBSERVABLE_UP_DOWN_COUNTER, AggregationTemporality.CUMULATIVE],
    ]);
  });
});
