import { AggregationTemporalityPreference, OTLPMetricExporterBase } from '@opentelemetry/exporter-metrics-otlp-http';
import { createOtlpHttpExportDelegate, httpAgentFactoryFromOptions } from '@opentelemetry/otlp-exporter-base/node-http';
import { JsonMetricsSerializer, MetricsExporterMetricsHelper, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { ResolvedOtlpExporter } from '../../config/resolved-config.js';
import type { Agent } from 'node:http';

const TEMPORALITY = {
  cumulative: AggregationTemporalityPreference.CUMULATIVE,
  delta: AggregationTemporalityPreference.DELTA,
  lowmemory: AggregationTemporalityPreference.LOWMEMORY,
} as const;

const CONTENT_TYPE = { 'http/protobuf': 'application/x-protobuf', 'http/json': 'application/json' } as const;

/** OTel's `OTLPMetricExporter` defaults, kept. */
const CONCURRENCY_LIMIT = 30;
/** The component type OTel's exporter gives its own self-observability metrics. */
const COMPONENT_TYPE = 'otlp_http_metric_exporter';

/** How the exporter reaches the receiver; production passes `ReleasableAgents.factory`. */
export interface OtlpTransportOptions {
  /** Makes the HTTP(S) agent for a protocol (`http:` or `https:`). @default OTel's keep-alive agent */
  agentFactory?: (protocol: string) => Promise<Agent> | Agent;
}

/**
 * OTel's OTLP/HTTP metric exporter on Node, with the resolved config as its only source. OTel's `OTLPMetricExporter` constructor merges `process.env` into every option
 * (`OTEL_EXPORTER_OTLP_HEADERS` headers are added to ours, the certificate variables are read), which
 * would bypass `startMetrics(config, { env })` and hide those values from `handle.config`. So the
 * exporter is assembled from OTel's public parts (the same delegate, HTTP transport, retries and
 * serializers `OTLPMetricExporter` uses), with nothing read from the environment: the config pipeline
 * already merged the `OTEL_EXPORTER_OTLP_*` variables of `sources.env` with the documented precedence.
 * Failed exports are retried and reported by OTel itself; they never reject into the host.
 */
export function createNodeOtlpExporter(config: ResolvedOtlpExporter, transport: OtlpTransportOptions = {}): PushMetricExporter {
  const headers = { ...config.headers, 'Content-Type': CONTENT_TYPE[config.protocol] };
  const delegate = createOtlpHttpExportDelegate(
    {
      url: config.endpoint,
      headers: () => Promise.resolve({ ...headers }), // a copy: the transport adds User-Agent to it
      timeoutMillis: config.timeoutMs,
      compression: config.compression,
      concurrencyLimit: CONCURRENCY_LIMIT,
      agentFactory: transport.agentFactory ?? httpAgentFactoryFromOptions({ keepAlive: true }),
    },
    config.protocol === 'http/json' ? JsonMetricsSerializer : ProtobufMetricsSerializer,
    COMPONENT_TYPE,
    MetricsExporterMetricsHelper,
    undefined,
  );
  return new OTLPMetricExporterBase(delegate, { temporalityPreference: TEMPORALITY[config.temporality] });
}
