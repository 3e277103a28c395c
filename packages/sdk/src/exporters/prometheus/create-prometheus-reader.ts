import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import type { MetricProducer } from '@opentelemetry/sdk-metrics';
import type { ResolvedPrometheusExporter } from '../../config/resolved-config.js';
import type { Reporter } from '../../report/reporter.js';
import { createPrometheusScrapeHandler } from '../../platform/node/prometheus-scrape-handler.js';
import { PrometheusTextSerializer } from './prometheus-text-serializer.js';
import type { MetricsRequestHandler } from '../../platform/node/prometheus-scrape-handler.js';

/** A Prometheus pull reader whose HTTP handler is mounted in the SDK's own telemetry server. */
export interface PrometheusReader {
  readonly reader: PrometheusExporter;
  readonly config: ResolvedPrometheusExporter;
  readonly path: string;
  readonly handle: MetricsRequestHandler;
}

/**
 * OTel's `PrometheusExporter` as the reader (its CUMULATIVE temporality and DEFAULT aggregation),
 * without its own server: `preventServerStart` keeps one place that binds ports and reports
 * errors. Scrapes are served by our chunked handler, which calls `reader.collect()` (so collect-time
 * transforms installed on the instance apply) and writes the text exposition without blocking the
 * event loop, with the names the OTel specification asks for (`withoutUnits: true`: OTel's own).
 */
export function createPrometheusReader(
  config: ResolvedPrometheusExporter,
  cardinalityLimit: number,
  metricProducers: MetricProducer[] = [],
  logger?: Reporter,
): PrometheusReader {
  const reader = new PrometheusExporter({ preventServerStart: true, host: config.host, port: config.port, endpoint: config.path, metricProducers });
  // exporter-prometheus takes no cardinality option; the MetricReader reads this selector per stream.
  setCardinalityLimit(reader, cardinalityLimit);
  return { reader, config, path: config.path, handle: createPrometheusScrapeHandler(reader, {
      serializer: new PrometheusTextSerializer({ withoutUnits: config.withoutUnits }),
      logger,
      maxConcurrentScrapes: config.maxConcurrentScrapes,
      minScrapeIntervalMs: config.minScrapeIntervalMs,
      scrapeTimeoutMs: config.scrapeTimeoutMs,
    }),
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
