import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedPrometheusExporter } from '../../config/resolved-config.js';

/** A Prometheus pull reader whose HTTP handler is mounted in the SDK's own telemetry server. */
export interface PrometheusReader {
  readonly reader: PrometheusExporter;
  readonly config: ResolvedPrometheusExporter;
  readonly path: string;
  readonly handle: (request: IncomingMessage, response: ServerResponse) => void;
}

/**
 * Wraps OTel's `PrometheusExporter` (serialization, cumulative temporality) without letting it
 * start its own server: `preventServerStart` keeps one place that binds ports and reports errors.
 */
export function createPrometheusReader(config: ResolvedPrometheusExporter, cardinalityLimit: number): PrometheusReader {
  const reader = new PrometheusExporter({ preventServerStart: true, host: config.host, port: config.port, endpoint: config.path });
  // exporter-prometheus takes no cardinality option; the MetricReader reads this selector per stream.
  setCardinalityLimit(reader, cardinalityLimit);
  return {
    reader,
    config,
    path: config.path,
    handle: (request, response) => reader.getMetricsRequestHandler(request, response),
  };
}

/**
 * Sets a reader's per-stream cardinality limit after construction, for readers whose constructors
 * do not forward `cardinalitySelector` (PrometheusExporter). `selectCardinalityLimit` is the
 * public method the SDK calls on every reader.
 */
export function setCardinalityLimit(reader: { selectCardinalityLimit(type: never): number }, limit: number): void {
  reader.selectCardinalityLimit = () => limit;
}
