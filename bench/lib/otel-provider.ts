import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricReader,
  type ViewOptions,
} from '@opentelemetry/sdk-metrics';

/** How many readers the provider has: the cost of OTel's hot path grows with each one. */
export type ReaderSetup = 'one-reader' | 'two-readers';

/** A raw OTel SDK provider as an application would build it, plus the Prometheus reader. */
export interface OtelSetup {
  provider: MeterProvider;
  prometheus: PrometheusExporter;
  shutdown(): Promise<void>;
}

export interface OtelSetupOptions {
  /**
   * Views, if any. Note that they change the hot path: without a view every reader has its own
   * storage (each hashes the attributes again); with a matching view all readers share one storage,
   * but the view's attribute processor then reads `context.active()` on every recording.
   * @default [] (what an application gets without configuring views)
   */
  views?: ViewOptions[];
  /**
   * Series per instrument, for workloads with many series (OTel's default, 2000, would fold the
   * scrape and heap workloads into one overflow series). Set through a catch-all view, OTel's
   * public way (PrometheusExporter takes no cardinality option). @default OTel's 2000
   */
  cardinalityLimit?: number;
}

/**
 * One reader: a Prometheus exporter (not listening; its handler is mounted where needed).
 * Two readers: the same plus a PeriodicExportingMetricReader with an in-memory exporter whose
 * interval is an hour, so nothing is exported during the measurement, but every recording is
 * aggregated for both readers, which is the cost measured.
 */
export function createOtelSetup(readers: ReaderSetup, options: OtelSetupOptions = {}): OtelSetup {
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const all: MetricReader[] = [prometheus];
  if (readers === 'two-readers') {
    all.push(
      new PeriodicExportingMetricReader({
        exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
        exportIntervalMillis: 3_600_000,
        exportTimeoutMillis: 30_000,
      }),
    );
  }
  const limit = options.cardinalityLimit;
  const views = options.views ?? (limit === undefined ? [] : [{ instrumentName: '*', aggregationCardinalityLimit: limit }]);
  const provider = new MeterProvider({ readers: all, views });
  return { provider, prometheus, shutdown: () => provider.shutdown() };
}
