import { AggregationTemporality, InstrumentType } from '@opentelemetry/sdk-metrics';

/** `temporality` of an OTLP exporter config, as `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE` names it. */
export type OtlpTemporalityPreference = 'cumulative' | 'delta' | 'lowmemory';

/**
 * The temporality each instrument kind is exported with, per the OTLP exporter specification's
 * preferences (the same table as OTel's `OTLPMetricExporter`): `delta` keeps up-down counters
 * cumulative; `lowmemory` makes only synchronous counters and histograms delta.
 */
export function selectOtlpTemporality(preference: OtlpTemporalityPreference, instrumentType: InstrumentType): AggregationTemporality {
  if (preference === 'cumulative') return AggregationTemporality.CUMULATIVE;
  switch (instrumentType) {
    case InstrumentType.COUNTER:
    case InstrumentType.HISTOGRAM:
      return AggregationTemporality.DELTA;
    case InstrumentType.OBSERVABLE_COUNTER:
    case InstrumentType.GAUGE:
    case InstrumentType.OBSERVABLE_GAUGE:
      return preference === 'delta' ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE;
    default:
      return AggregationTemporality.CUMULATIVE;
  }
}
