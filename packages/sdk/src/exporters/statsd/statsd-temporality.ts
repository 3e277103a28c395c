import { AggregationTemporality, InstrumentType } from '@opentelemetry/sdk-metrics';

/**
 * The temporality StatsD needs per instrument (the SDK honours either one for every type):
 * - counters and histograms: DELTA, so `|c` carries what happened since the last flush and the
 *   daemon sums it, and timer lines describe only the measurements of this interval;
 * - up-down counters: CUMULATIVE, because a `|g` line sets an absolute value (a signed gauge line
 *   is a delta to StatsD, and a lost datagram would then skew the value for good);
 * - gauges: CUMULATIVE, so the last value is resent every interval even when not re-recorded.
 */
export function statsdTemporality(instrumentType: InstrumentType): AggregationTemporality {
  switch (instrumentType) {
    case InstrumentType.COUNTER:
    case InstrumentType.OBSERVABLE_COUNTER:
    case InstrumentType.HISTOGRAM:
      return AggregationTemporality.DELTA;
    case InstrumentType.UP_DOWN_COUNTER:
    case InstrumentType.OBSERVABLE_UP_DOWN_COUNTER:
    case InstrumentType.GAUGE:
    case InstrumentType.OBSERVABLE_GAUGE:
      return AggregationTemporality.CUMULATIVE;
  }
}
