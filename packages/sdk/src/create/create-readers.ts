import { AggregationTemporality, MetricReader, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { CollectionResult, MetricReaderOptions } from '@opentelemetry/sdk-metrics';
import type { StorageRegistry } from '../aggregate/storage-registry.js';
import { ConfigError } from '../config/config-error.js';
import type { ResolvedConfig, ResolvedPrometheusExporter } from '../config/resolved-config.js';
import { collectTransformed, TransformingExporter } from '../export/collect-transform.js';
import { SeriesProducer, type TemporalitySelector } from '../export/series-producer.js';
import type { ObservedExporter } from '../report/observed-exporter.js';
import type { Reporter } from '../report/reporter.js';
import { createPushExporter, type Platform, type ResolvedPushExporter } from './create-push-exporter.js';

/** A Prometheus exporter's reader: collected on each scrape, through the collect transform. */
export interface PrometheusEndpoint {
  readonly config: ResolvedPrometheusExporter;
  /** The path to serve it on, e.g. `/metrics`. */
  readonly path: string;
  /** What one scrape serves: OTel's storages and our series, cumulative, Prometheus-ready. */
  collect(options?: { timeoutMillis?: number }): Promise<CollectionResult>;
}

/** A periodic reader with the exporter config it pushes to. */
export interface PushReader {
  readonly reader: PeriodicExportingMetricReader;
  readonly config: ResolvedPushExporter;
  /** The exporter, wrapped so its outcomes are reported and measured (`status()` for health checks). */
  readonly exporter: ObservedExporter;
}

/** A reader collected on demand by the host (the history ring, tests), not tied to an exporter. */
export interface PullReaderSpec {
  /** @default cumulative for every instrument */
  readonly temporality?: TemporalitySelector;
  /** Collect what a Prometheus scrape serves (summaries as classic histograms), as the history does. @default false */
  readonly prometheusText?: boolean;
}

/** A pull reader of a {@link PullReaderSpec}: `collect()` goes through the collect transform. */
export interface PullOutput {
  readonly reader: MetricReader;
  collect(options?: { timeoutMillis?: number }): Promise<CollectionResult>;
}

/** The readers of one pipeline, in config order. */
export interface PipelineReaders<P extends PrometheusEndpoint = PrometheusEndpoint> {
  readonly prometheus: readonly P[];
  readonly push: readonly PushReader[];
  readonly pull: readonly PullOutput[];
}

/** What readers are built with. */
export interface ReaderContext {
  readonly platform: Platform;
  readonly reporter: Reporter;
  readonly registry: StorageRegistry;
  readonly samplingRateOf: (meterName: string) => number;
  readonly pullReaders: readonly PullReaderSpec[];
}

/**
 * One reader per configured exporter, plus the extra pull readers. Every reader gets its own
 * producer of our series, at its own temporality, and its output goes through the collect
 * transform: so a measurement is recorded once and fans out at collection.
 */
export function createReaders(config: ResolvedConfig, context: ReaderContext): PipelineReaders & { all: MetricReader[] } {
  const { registry, samplingRateOf } = context;
  const readers = { prometheus: [] as PrometheusEndpoint[], push: [] as PushReader[], pull: [] as PullOutput[], all: [] as MetricReader[] };
  const pull = (temporality: TemporalitySelector | undefined): PullReader =>
    new PullReader({
      aggregationTemporalitySelector: temporality,
      cardinalitySelector: () => config.cardinalityLimit,
      metricProducers: [new SeriesProducer(registry, temporality)],
    });
  config.exporters.forEach((exporter, index) => {
    if (exporter.type === 'prometheus') {
      const reader = pull(undefined);
      const collect = collectTransformed(reader, { samplingRateOf, prometheusText: true });
      readers.prometheus.push({ config: exporter, path: exporter.path, collect });
      readers.all.push(reader);
      return;
    }
    const described = context.platform.describePushExporter(exporter, context.reporter);
    if (described === undefined) throw unsupported(exporter, index, context.platform);
    const pushExporter = createPushExporter(described, context.reporter, config.collectionIntervalMs);
    const temporality = pushExporter.selectAggregationTemporality?.bind(pushExporter) ?? (() => AggregationTemporality.CUMULATIVE);
    const prometheusText = exporter.type === 'file' && exporter.format === 'prometheus';
    const reader = new PeriodicExportingMetricReader({
      exporter: new TransformingExporter(pushExporter, { samplingRateOf, prometheusText }),
      metricProducers: [new SeriesProducer(registry, temporality)],
      exportIntervalMillis: config.collectionIntervalMs,
      // The observed exporter answers by its own deadline (the exporter's timeout, at most the
      // interval), so this one never fires and the reader never logs a timeout of its own.
      exportTimeoutMillis: config.collectionIntervalMs,
      cardinalityLimits: { default: config.cardinalityLimit },
    });
    readers.push.push({ reader, config: exporter, exporter: pushExporter });
    readers.all.push(reader);
  });
  for (const spec of context.pullReaders) {
    const reader = pull(spec.temporality);
    readers.pull.push({ reader, collect: collectTransformed(reader, { samplingRateOf, prometheusText: spec.prometheusText ?? false }) });
    readers.all.push(reader);
  }
  return readers;
}

function unsupported(exporter: ResolvedPushExporter, index: number, platform: Platform): ConfigError {
  const expected = 'an exporter this build supports: prometheus, otlp or console';
  return new ConfigError([
    {
      path: `exporters[${index}].type`,
      value: exporter.type,
      expected,
      message: `the ${exporter.type} exporter needs Node.js and is not available in ${platform.name}; expected ${expected} (or use the Node entry of @mcp-otel/sdk)`,
    },
  ]);
}

/**
 * A reader collected on demand (a Prometheus scrape, the history ring, a test): OTel's public
 * `MetricReader` with nothing to flush, configured through its options (temporality, cardinality
 * limit, producers). Cumulative with the default aggregation unless told otherwise.
 */
export class PullReader extends MetricReader {
  constructor(options: MetricReaderOptions) {
    super(options);
  }

  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}
