/**
 * # create/: a resolved config becomes a running pipeline
 *
 * Pure functions of the `ResolvedConfig` (plus the platform, which says which exporters exist):
 * the Resource, the plan (plan/), the storages of our series (aggregate/), one reader per exporter
 * with its producer and collect transform (export/), the OTel `MeterProvider` with the plan's
 * views, and the one meter wrapper the host records through (meter/). Nothing is opened or
 * registered here: `startMetrics` (Node) adds the HTTP server and the global registration.
 */
import { diag } from '@opentelemetry/api';
import type { MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { StorageRegistry } from '../aggregate/storage-registry.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { RoutingMeterProvider } from '../meter/routing-meter-provider.js';
import { createPlan } from '../plan/plan.js';
import { createExporterInstruments, SELF_METER_NAME } from '../report/self-metrics.js';
import { SILENT_REPORTER, type Reporter } from '../report/reporter.js';
import { PORTABLE_PLATFORM, type Platform } from './create-push-exporter.js';
import { createReaders, type PipelineReaders, type PrometheusEndpoint, type PullReaderSpec } from './create-readers.js';
import { createResource } from './create-resource.js';

/** The metrics pipeline of a resolved config, without servers or global registration. */
export interface MetricsPipeline<P extends PrometheusEndpoint = PrometheusEndpoint> {
  /** What the host records into: the one meter wrapper over the OTel SDK provider. */
  readonly meterProvider: ApiMeterProvider;
  /** The readers: one per exporter in config order; Prometheus ones are collected per scrape. */
  readonly readers: PipelineReaders<P>;
  /** Collects and pushes every push exporter now; never rejects. */
  readonly forceFlush: () => Promise<void>;
  /** Final export and shutdown of every reader; never rejects. Later meters are no-ops. */
  readonly shutdown: () => Promise<void>;
}

/** Options of `createMetricsPipeline`. */
export interface PipelineOptions {
  /**
   * `false`: OTel aggregates every instrument (views from the same plan, same readers and
   * transforms): the plain-OTel baseline the differential tests and the bench compare against.
   * @default true
   */
  ownAggregation?: boolean;
  /**
   * Where exporter failures and recoveries are reported, one line per streak.
   * @default silent: failures are only counted in the `otel.sdk.exporter.*` metrics
   */
  reporter?: Reporter;
}

/** Everything a pipeline is built from besides the config. */
export interface BuildOptions extends PipelineOptions {
  readonly platform: Platform;
  /** Extra readers collected on demand (the history ring, tests). @default [] */
  readonly pullReaders?: readonly PullReaderSpec[];
  /** Seed of the histogram sampling generator. @default a random seed */
  readonly seed?: number;
  /** Wall clock in ms of our series. @default () => Date.now() */
  readonly now?: () => number;
}

/** Builds the pipeline of `config` on `options.platform`. Throws a `ConfigError` for an exporter the platform lacks. */
export function buildPipeline(config: ResolvedConfig, options: BuildOptions): MetricsPipeline {
  const plan = createPlan(config, { ownAggregation: options.ownAggregation });
  const registry = new StorageRegistry({ cardinalityLimit: config.cardinalityLimit, now: options.now, seed: options.seed });
  const samplingRateOf = (meterName: string): number => {
    const meter = plan.meter(meterName);
    return meter.kind === 'drop' ? 1 : meter.samplingRate;
  };
  const reporter = options.reporter ?? SILENT_REPORTER;
  const { all, ...readers } = createReaders(config, { platform: options.platform, reporter, registry, samplingRateOf, pullReaders: options.pullReaders ?? [] });
  const sdk = new MeterProvider({ resource: createResource(config), views: [...plan.views], readers: all });
  const meterProvider = new RoutingMeterProvider(sdk, plan, registry);
  // The SDK's own metrics go through the plan like any other meter's.
  const exporterInstruments = createExporterInstruments(meterProvider.getMeter(SELF_METER_NAME));
  for (const push of readers.push) push.exporter.observeWith(exporterInstruments);
  return {
    meterProvider,
    readers,
    forceFlush: () => sdk.forceFlush().catch((error: unknown) => diag.error('mcp-otel: forceFlush failed', error)),
    shutdown: () => {
      meterProvider.close();
      return sdk.shutdown().catch((error: unknown) => diag.error('mcp-otel: error while shutting down metrics', error));
    },
  };
}

/**
 * The pipeline of `config` for a host without Node (browsers, workers): Prometheus (serve each
 * endpoint's `collect()` with your own HTTP layer), OTLP over HTTP and the console. A StatsD or
 * file exporter is a `ConfigError` saying it needs Node. The Node entry's `createMetricsPipeline`
 * adds those and a ready `/metrics` request handler.
 *
 * @example
 * ```ts
 * import { createMetricsFacade, createMetricsPipeline, resolveConfig } from '@mcp-otel/sdk';
 *
 * const pipeline = createMetricsPipeline(resolveConfig({ config: { exporters: [{ type: 'otlp' }] }, env: {} }));
 * createMetricsFacade(pipeline.meterProvider).counter('jobs.done').increment();
 * await pipeline.shutdown();
 * ```
 */
export function createMetricsPipeline(config: ResolvedConfig, options: PipelineOptions = {}): MetricsPipeline {
  return buildPipeline(config, { ...options, platform: PORTABLE_PLATFORM });
}
