import { diag } from '@opentelemetry/api';
import type { MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { FastLane } from '../fast-lane/fast-lane.js';
import { createExporterInstruments, SELF_METER_NAME } from '../report/self-metrics.js';
import type { Reporter } from '../report/reporter.js';
import { createReaders } from './create-readers.js';
import type { Readers } from './create-readers.js';
import { createResource } from './create-resource.js';
import { createSampling } from './create-sampling.js';
import { createViews } from './create-views.js';
import { installCollectTransforms } from './install-collect-transforms.js';

/** The metrics pipeline of a resolved config, without servers or global registration. */
export interface MetricsPipeline {
  /** What the host records into: the SDK provider behind the fast lane and sampling wrappers. */
  readonly meterProvider: ApiMeterProvider;
  /** The readers: Prometheus ones carry the `/metrics` request handler to mount. */
  readonly readers: Readers;
  /** Collects and pushes every push exporter now; never rejects. */
  readonly forceFlush: () => Promise<void>;
  /** Final export and shutdown of every reader; never rejects. */
  readonly shutdown: () => Promise<void>;
}

/** Options of {@link createMetricsPipeline}. */
export interface MetricsPipelineOptions {
  /**
   * Where exporter failures and recoveries are reported, one line per streak.
   * @default silent: failures are only counted in the `otel.sdk.exporter.*` metrics
   */
  reporter?: Reporter;
}

/**
 * Builds the pipeline `startMetrics` runs on: Resource, views, one reader per exporter (each with
 * its fast-lane producer and collect-time transforms), the OTel MeterProvider, and the wrappers the
 * host records through. Synchronous and side-effect free: no port is opened, nothing is registered.
 *
 * @example
 * ```ts
 * const pipeline = createMetricsPipeline(resolveConfig({ config: { exporters: [{ type: 'prometheus' }] } }));
 * myHttpServer.get('/metrics', pipeline.readers.prometheus[0]!.handle);
 * ```
 */
export function createMetricsPipeline(config: ResolvedConfig, options: MetricsPipelineOptions = {}): MetricsPipeline {
  // Histograms and facade counters take the fast lane (aggregated in place, read by one producer per
  // reader); the sampling wrapper goes outside it so sampled values reach it and get scaled back.
  const fastLane = new FastLane({ config });
  const readers = createReaders(config, fastLane, options.reporter);
  const provider = new MeterProvider({ resource: createResource(config), views: createViews(config), readers: readers.all });
  const exporterInstruments = createExporterInstruments(provider.getMeter(SELF_METER_NAME));
  for (const push of readers.push) push.exporter.observeWith(exporterInstruments);
  const sampling = createSampling(fastLane.wrap(provider), config);
  installCollectTransforms(readers, sampling.transform);
  return {
    meterProvider: sampling.provider,
    readers,
    forceFlush: () => provider.forceFlush().catch((error: unknown) => diag.error('mcp-otel: forceFlush failed', error)),
    shutdown: () => provider.shutdown().catch((error: unknown) => diag.error('mcp-otel: error while shutting down metrics', error)),
  };
}
