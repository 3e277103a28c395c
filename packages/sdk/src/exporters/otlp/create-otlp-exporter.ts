import { AggregationTemporalityPreference, OTLPMetricExporter as OtlpJsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as OtlpProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { ResolvedOtlpExporter } from '../../config/resolved-config.js';

const TEMPORALITY = {
  cumulative: AggregationTemporalityPreference.CUMULATIVE,
  delta: AggregationTemporalityPreference.DELTA,
  lowmemory: AggregationTemporalityPreference.LOWMEMORY,
} as const;

/**
 * OTel's OTLP/HTTP exporter for the configured protocol, for platforms without Node (OTel's browser
 * build, which has no process environment to read). Node uses `createNodeOtlpExporter`
 * (platform/node), which keeps OTel from merging `process.env` into the options. Every option is
 * passed explicitly: the config pipeline already merged the `OTEL_EXPORTER_OTLP_*` variables with
 * the documented precedence.
 * Failed exports are retried and reported by OTel itself; they never reject into the host.
 */
export function createOtlpExporter(config: ResolvedOtlpExporter): PushMetricExporter {
  const options = {
    url: config.endpoint,
    headers: config.headers,
    timeoutMillis: config.timeoutMs,
    compression: config.compression === 'gzip' ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE,
    temporalityPreference: TEMPORALITY[config.temporality],
  };
  return config.protocol === 'http/json' ? new OtlpJsonExporter(options) : new OtlpProtoExporter(options);
}
