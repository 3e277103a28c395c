import { diag, metrics as otelMetrics } from '@opentelemetry/api';
import type { MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import { systemClock } from './clock/clock.js';
import type { Clock } from './clock/clock.js';
import { resolveConfig } from './config/resolve-config.js';
import { createMetricsPipeline } from './create/create-pipeline.js';
import type { MetricsConfig } from './config/types.js';
import { createStderrDiagLogger, parseLogLevel } from './diag/stderr-diag-logger.js';
import { createMetricsFacade, DEFAULT_METER_NAME } from './facade/metrics-facade.js';
import { getFacadeProvider, setFacadeProvider } from './facade/provider-registry.js';
import { ExporterStatusBoard } from './health/exporter-status.js';
import { createNoopHandle } from './noop-handle.js';
import type { MetricsEndpoints, MetricsHandle } from './metrics-handle.js';
import { installShutdownOnSignals } from './platform/node/shutdown-on-signals.js';
import { createObservability } from './platform/node/start-observability.js';
import { startTelemetryServer } from './platform/node/telemetry-server.js';
import type { TelemetryServer } from './platform/node/telemetry-server.js';

/** Where `startMetrics` reads configuration besides the object it is given. */
export interface ConfigSources {
  /** Environment variables. @default process.env */
  env?: Record<string, string | undefined>;
  /** A JSON or YAML config file. @default env `MCP_OTEL_CONFIG` */
  configFile?: string;
  /** The clock of health checks, the history and alert evaluation (tests pass a `ManualClock`). @default the system clock */
  clock?: Clock;
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

  const clock = sources.clock ?? systemClock;
  const exporterStatus = new ExporterStatusBoard(() => clock.now());
  const pipeline = createMetricsPipeline(resolved, { exporterStatus });
  const apiProvider: ApiMeterProvider = pipeline.meterProvider;
  const { readers } = pipeline;
  const observability = createObservability(resolved, { readers, meterProvider: apiProvider, clock, exporters: exporterStatus });

  const servers: TelemetryServer[] = [];
  const endpoints: MetricsEndpoints = {};
  try {
    for (const [index, prometheus] of readers.prometheus.entries()) {
      const exporter = prometheus.config;
      const server = await startTelemetryServer({ host: exporter.host, port: exporter.port, routes: observability.routesBeside(prometheus, index) });
      servers.push(server);
      endpoints.prometheus ??= server.baseUrl + prometheus.path;
      if (resolved.health.enabled && resolved.health.server === undefined) endpoints.health ??= `${server.baseUrl}/health`;
    }
    const healthServer = await observability.startServer();
    if (healthServer !== undefined) {
      servers.push(healthServer);
      endpoints.health = `${healthServer.baseUrl}/health`;
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    await pipeline.shutdown();
    throw error;
  }

  observability.start();
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
    await observability.shutdown();
    await Promise.all(servers.map((server) => server.close()));
    await pipeline.shutdown();
  };

  const shutdownOnce = () => (shutdownPromise ??= shutdown());
  if (resolved.shutdownOnSignals) removeSignalHooks = installShutdownOnSignals(shutdownOnce);

  return Object.assign(createMetricsFacade(apiProvider), {
    meterProvider: apiProvider,
    config: resolved,
    endpoints,
    meter: (name = DEFAULT_METER_NAME, version?: string) => apiProvider.getMeter(name, version),
    forceFlush: pipeline.forceFlush,
    shutdown: shutdownOnce,
    health: observability.health,
    history: observability.history,
    alerts: observability.alerts,
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
