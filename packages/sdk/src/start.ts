import { diag, metrics as otelMetrics } from '@opentelemetry/api';
import type { MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import type { MetricsConfig } from './config/types.js';
import { createStderrDiagLogger, parseLogLevel } from './diag/stderr-diag-logger.js';
import { createMetricsFacade } from './facade/metrics-facade.js';
import { getFacadeProvider, setFacadeProvider } from './facade/provider-registry.js';
import { createNoopHandle } from './noop-handle.js';
import type { MetricsEndpoints, MetricsHandle } from './metrics-handle.js';
import { resolveConfig } from './platform/node/node-config.js';
import { createMetricsPipeline } from './platform/node/node-pipeline.js';
import { APP_METER_NAME } from './plan/meter-names.js';
import { installShutdownOnSignals } from './platform/node/shutdown-on-signals.js';
import { startTelemetryServer } from './platform/node/telemetry-server.js';
import type { TelemetryServer } from './platform/node/telemetry-server.js';

/** Where `startMetrics` reads configuration besides the object it is given. */
export interface ConfigSources {
  /** Environment variables. @default process.env */
  env?: Record<string, string | undefined>;
  /** A JSON or YAML config file. @default env `MCP_OTEL_CONFIG` */
  configFile?: string;
}

/**
 * Starts metrics: resolves the config (object > `OTEL_*` env > config file > defaults), builds the
 * Resource, views and readers, opens the Prometheus endpoint, registers the MeterProvider globally
 * (unless `registerGlobal: false`) and binds the module-level `metrics` facade to it.
 *
 * Rejects with a `ConfigError` listing every problem when the config is invalid, and with an
 * error naming the address when a Prometheus port cannot be bound (nothing is left running).
 * Once started, a failing exporter never throws into the host: errors go to the OTel diag logger
 * (to stderr when `OTEL_LOG_LEVEL` is set).
 *
 * @example
 * ```ts
 * import { startMetrics } from '@mcp-otel/sdk';
 *
 * const telemetry = await startMetrics({ serviceName: 'weather-mcp', shutdownOnSignals: true });
 * // http://127.0.0.1:9464/metrics now serves every metric of this process; on SIGTERM or SIGINT
 * // the last values are exported before the process exits.
 * telemetry.counter('weather.lookups').increment();
 * ```
 */
export async function startMetrics(config?: MetricsConfig, sources: ConfigSources = {}): Promise<MetricsHandle> {
  const env = sources.env ?? process.env;
  installDiagLogger(env.OTEL_LOG_LEVEL);
  const resolved = resolveConfig({ config, env, configFile: sources.configFile });
  if (!resolved.enabled) return createNoopHandle(resolved);

  const pipeline = createMetricsPipeline(resolved);
  const apiProvider: ApiMeterProvider = pipeline.meterProvider;
  const { readers } = pipeline;

  const servers: TelemetryServer[] = [];
  const endpoints: MetricsEndpoints = {};
  try {
    for (const prometheus of readers.prometheus) {
      const exporter = prometheus.config;
      const server = await startTelemetryServer({ host: exporter.host, port: exporter.port, routes: { [prometheus.path]: prometheus.handle } });
      servers.push(server);
      endpoints.prometheus ??= server.baseUrl + prometheus.path;
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    await pipeline.shutdown();
    throw error;
  }

  const registeredGlobal = resolved.registerGlobal && registerGlobal(apiProvider);
  if (registeredGlobal) setFacadeProvider(apiProvider);

  let shutdownPromise: Promise<void> | undefined;
  let removeSignalHooks: (() => void) | undefined;
  const shutdown = async (): Promise<void> => {
    removeSignalHooks?.();
    if (registeredGlobal) {
      // A newer handle may own the facade by now; only unbind our own provider.
      if (getFacadeProvider() === apiProvider) setFacadeProvider(undefined);
      if (otelMetrics.getMeterProvider() === apiProvider) otelMetrics.disable();
    }
    await Promise.all(servers.map((server) => server.close()));
    await pipeline.shutdown();
  };

  const shutdownOnce = () => (shutdownPromise ??= shutdown());
  if (resolved.shutdownOnSignals) removeSignalHooks = installShutdownOnSignals(shutdownOnce);

  return Object.assign(createMetricsFacade(apiProvider), {
    meterProvider: apiProvider,
    config: resolved,
    endpoints,
    meter: (name = APP_METER_NAME, version?: string) => apiProvider.getMeter(name, version),
    forceFlush: pipeline.forceFlush,
    shutdown: shutdownOnce,
  });
}

function registerGlobal(provider: ApiMeterProvider): boolean {
  if (otelMetrics.setGlobalMeterProvider(provider)) return true;
  diag.warn(
    'mcp-otel: a global MeterProvider is already registered, so this one was not made global. ' +
      'Shut down the earlier handle first, or pass registerGlobal: false and use handle.meterProvider.',
  );
  return false;
}

function installDiagLogger(level: string | undefined): void {
  const parsed = parseLogLevel(level);
  if (parsed !== undefined) diag.setLogger(createStderrDiagLogger(), { logLevel: parsed, suppressOverrideMessage: true });
}
