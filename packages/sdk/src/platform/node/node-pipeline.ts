import type { ResolvedConfig } from '../../config/resolved-config.js';
import { buildPipeline, type BuildOptions, type MetricsPipeline, type PipelineOptions } from '../../create/create-pipeline.js';
import { component, describeOtlp, describePortableExporter, type Platform } from '../../create/create-push-exporter.js';
import type { PrometheusEndpoint } from '../../create/create-readers.js';
import { createFileExporter } from './file-create-exporter.js';
import { createNodeOtlpExporter } from './otlp-node-exporter.js';
import { PrometheusTextSerializer } from '../../exporters/prometheus/prometheus-text-serializer.js';
import { createPrometheusScrapeHandler, type MetricsRequestHandler } from './prometheus-scrape-handler.js';
import { ReleasableAgents } from './releasable-agents.js';
import { createStatsdExporter, statsdTarget } from './statsd-create-exporter.js';

/** Node: every exporter, StatsD (UDP/TCP sockets), files and OTLP with agents a stuck export can let go of. */
export const NODE_PLATFORM: Platform = {
  name: 'Node.js',
  describePushExporter: (config, reporter) => {
    switch (config.type) {
      case 'otlp': {
        const agents = new ReleasableAgents();
        return describeOtlp(config, (otlp) => createNodeOtlpExporter(otlp, { agentFactory: agents.factory, wait: agents.wait }), () => agents.release());
      }
      case 'statsd':
        return { exporter: createStatsdExporter(config, { logger: reporter }), identity: { ...component('statsd_metric_exporter'), label: 'statsd exporter', target: statsdTarget(config) } };
      case 'file':
        return { exporter: createFileExporter(config, { logger: reporter }), identity: { ...component('file_metric_exporter'), label: 'file exporter', target: config.path } };
      default:
        return describePortableExporter(config);
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
  return buildNodePipeline(config, options);
}

/** `createMetricsPipeline` with the extra pull readers `startMetrics` needs (the history's). */
export function buildNodePipeline(config: ResolvedConfig, options: Omit<BuildOptions, 'platform'>): MetricsPipeline<PrometheusHttpEndpoint> {
  const pipeline = buildPipeline(config, { ...options, platform: NODE_PLATFORM });
  const prometheus = pipeline.readers.prometheus.map((endpoint) => ({
    ...endpoint,
    handle: createPrometheusScrapeHandler(endpoint, {
      serializer: new PrometheusTextSerializer({ withoutUnits: endpoint.config.withoutUnits }),
      logger: options.reporter,
      maxConcurrentScrapes: endpoint.config.maxConcurrentScrapes,
      minScrapeIntervalMs: endpoint.config.minScrapeIntervalMs,
      scrapeTimeoutMs: endpoint.config.scrapeTimeoutMs,
    }),
  }));
  return { ...pipeline, readers: { ...pipeline.readers, prometheus } };
}
