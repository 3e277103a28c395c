import type { ResolvedConfig } from '../../config/resolved-config.js';
import { buildPipeline, type MetricsPipeline, type PipelineOptions } from '../../create/create-pipeline.js';
import type { PrometheusEndpoint } from '../../create/create-readers.js';
import type { Platform } from '../../create/platform.js';
import { portablePushExporter } from '../../create/platform.js';
import { createFileExporter } from './file-create-exporter.js';
import { createStatsdExporter } from './statsd-create-exporter.js';
import { createPrometheusScrapeHandler, type MetricsRequestHandler } from './prometheus-scrape-handler.js';

/** Node: every exporter, StatsD (UDP/TCP sockets) and files included. */
export const NODE_PLATFORM: Platform = {
  name: 'Node.js',
  createPushExporter: (config) => {
    switch (config.type) {
      case 'statsd':
        return createStatsdExporter(config);
      case 'file':
        return createFileExporter(config);
      default:
        return portablePushExporter(config);
    }
  },
};

/** A Prometheus endpoint with its Node HTTP request handler. */
export interface PrometheusHttpEndpoint extends PrometheusEndpoint {
  /** Serves `GET`/`HEAD` of this endpoint (chunked, gzip when accepted); mount it on `path`. */
  readonly handle: MetricsRequestHandler;
}

/**
 * Builds the pipeline `startMetrics` runs on, without its server or global registration: the
 * Resource, the plan's views, one reader per exporter (each with its producer of our series and
 * the collect transform), the OTel MeterProvider and the meter wrapper to record through. Opens
 * no port; mount each Prometheus endpoint's `handle` in your own HTTP server. Throws a
 * `ConfigError` for an invalid exporter.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createMetricsFacade, createMetricsPipeline, resolveConfig } from '@mcp-otel/sdk';
 *
 * const pipeline = createMetricsPipeline(resolveConfig({ config: { exporters: [{ type: 'prometheus' }] } }));
 * const endpoint = pipeline.readers.prometheus[0]!;
 * createServer((request, response) => endpoint.handle(request, response)).listen(9464, '127.0.0.1');
 * createMetricsFacade(pipeline.meterProvider).counter('jobs.done').increment();
 * ```
 */
export function createMetricsPipeline(config: ResolvedConfig, options: PipelineOptions = {}): MetricsPipeline<PrometheusHttpEndpoint> {
  const pipeline = buildPipeline(config, { ...options, platform: NODE_PLATFORM });
  const prometheus = pipeline.readers.prometheus.map((endpoint) => ({ ...endpoint, handle: createPrometheusScrapeHandler(endpoint) }));
  return { ...pipeline, readers: { ...pipeline.readers, prometheus } };
}
