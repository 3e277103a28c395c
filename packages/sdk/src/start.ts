import { diag, metrics as otelMetrics } from '@opentelemetry/api';
import type { MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import { systemClock } from './clock/clock.js';
import type { Clock } from './clock/clock.js';
import { ConfigError } from './config/config-error.js';
import { formatMs } from './config/duration.js';
import type { MetricsConfig } from './config/types.js';
import type { MetricsPipeline } from './create/create-pipeline.js';
import { createStderrDiagLogger, parseLogLevel } from './diag/stderr-diag-logger.js';
import { createMetricsFacade } from './facade/metrics-facade.js';
import { getFacadeProvider, setFacadeProvider } from './facade/provider-registry.js';
import { settleWithin } from './lifecycle/settle-within.js';
import type { MetricsEndpoints, MetricsHandle } from './metrics-handle.js';
import { createNoopHandle } from './noop-handle.js';
import { disabledAlerts } from './alerts/alerts-api.js';
import { resolveConfigLeniently } from './platform/node/node-config.js';
import { buildNodePipeline, type PrometheusHttpEndpoint } from './platform/node/node-pipeline.js';
import { needsHistoryReader } from './config/observability-normalize.js';
import { startRuntimeMetrics } from './platform/node/runtime/start-runtime-metrics.js';
import { installShutdownBeforeExit } from './platform/node/shutdown-before-exit.js';
import { APP_METER_NAME } from './plan/meter-names.js';
import { installShutdownOnSignals } from './platform/node/shutdown-on-signals.js';
import { createObservability } from './platform/node/start-observability.js';
import type { Observability } from './platform/node/start-observability.js';
import { ListenError, startTelemetryServer } from './platform/node/telemetry-server.js';
import type { TelemetryServer } from './platform/node/telemetry-server.js';
import { registerGlobal } from './report/global-meter-provider.js';
import { configProblem, countByKind, listenProblem } from './report/problems.js';
import type { MetricsProblem } from './report/problems.js';
import { createReporter } from './report/reporter.js';
import type { Reporter } from './report/reporter.js';
import { observeProblems, SELF_METER_NAME } from './report/self-metrics.js';

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
 * Telemetry never stops the host: outside strict mode this resolves in every case. An invalid value
 * is ignored (its lower-precedence source or default applies) and a Prometheus port that cannot be
 * bound is skipped; each is one line on stderr with the fix, and listed in `handle.problems`. With
 * `strict: true` (env `MCP_OTEL_STRICT=true`) it rejects instead: a `ConfigError` listing every
 * problem, or the listen error naming the address (nothing is left running). Once started, a
 * failing exporter never throws into the host; it is reported once per failure streak on stderr.
 *
 * When the process runs out of work (a stdio server whose client closed stdin) the SDK shuts down
 * by itself, so the last values are exported; with `shutdownOnSignals`, SIGTERM and SIGINT do too.
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
  const reporter = createReporter({ level: env.OTEL_LOG_LEVEL });
  const { config: resolved, issues } = resolveConfigLeniently({ config, env, configFile: sources.configFile });
  if (resolved.strict && issues.length > 0) throw new ConfigError(issues);
  const problems: MetricsProblem[] = [];
  const report = (problem: MetricsProblem): void => {
    problems.push(problem);
    reporter.warn(problem.message);
  };
  issues.map(configProblem).forEach(report);
  if (!resolved.enabled) return createNoopHandle(resolved, problems, disabledAlerts(resolved));

  // The history (and the transport health check) collect a pull reader of their own, as a scrape would.
  const withHistory = needsHistoryReader(resolved);
  const pipeline = buildNodePipeline(resolved, { reporter, pullReaders: withHistory ? [{ prometheusText: true }] : [] });
  const apiProvider: ApiMeterProvider = pipeline.meterProvider;
  const observability = createObservability(resolved, {
    readers: pipeline.readers,
    historyReader: withHistory ? pipeline.readers.pull[0] : undefined,
    meterProvider: apiProvider,
    clock: sources.clock ?? systemClock,
  });
  const { servers, endpoints } = await startServers(pipeline, observability, resolved.strict, reporter, report);
  observability.start();
  observeProblems(apiProvider.getMeter(SELF_METER_NAME), () => countByKind(problems));
  const runtime = resolved.runtime ? startRuntimeMetrics(apiProvider) : undefined;

  const registeredGlobal = resolved.registerGlobal && registerGlobal(apiProvider, report);
  if (registeredGlobal) setFacadeProvider(apiProvider);

  let shutdownPromise: Promise<void> | undefined;
  const removeHooks: (() => void)[] = [];
  const shutdown = async (): Promise<void> => {
    for (const remove of removeHooks) remove();
    if (registeredGlobal) {
      // A newer handle may own the facade by now; only unbind our own provider.
      if (getFacadeProvider() === apiProvider) setFacadeProvider(undefined);
      if (otelMetrics.getMeterProvider() === apiProvider) otelMetrics.disable();
    }
    const work = Promise.all([observability.shutdown(resolved.shutdownTimeoutMs), ...servers.map((server) => server.close()), pipeline.shutdown()]);
    if ((await settleWithin(work, resolved.shutdownTimeoutMs)) === 'timeout') reportLateShutdown(pipeline, resolved.shutdownTimeoutMs, reporter);
    // The final export still carried the runtime metrics; their monitors stop after it.
    runtime?.stop();
  };
  const shutdownOnce = () => (shutdownPromise ??= shutdown());
  removeHooks.push(installShutdownBeforeExit(shutdownOnce));
  if (resolved.shutdownOnSignals) removeHooks.push(installShutdownOnSignals(shutdownOnce));

  return Object.assign(createMetricsFacade(apiProvider), {
    meterProvider: apiProvider,
    config: resolved,
    endpoints,
    problems,
    meter: (name = APP_METER_NAME, version?: string) => apiProvider.getMeter(name, version),
    forceFlush: pipeline.forceFlush,
    shutdown: shutdownOnce,
    health: observability.health,
    history: observability.history,
    alerts: observability.alerts,
  });
}

/**
 * Starts one telemetry server per Prometheus exporter (serving the health endpoints too, unless
 * they have their own server, started last); one that cannot listen is a problem unless strict.
 */
async function startServers(
  pipeline: MetricsPipeline<PrometheusHttpEndpoint>,
  observability: Observability,
  strict: boolean,
  reporter: Reporter,
  report: (problem: MetricsProblem) => void,
): Promise<{ servers: TelemetryServer[]; endpoints: MetricsEndpoints }> {
  const servers: TelemetryServer[] = [];
  const endpoints: MetricsEndpoints = {};
  const fail = async (error: unknown, address: string, reason: string): Promise<void> => {
    if (strict) {
      await Promise.all(servers.map((server) => server.close()));
      await pipeline.shutdown();
      throw error;
    }
    report(listenProblem(address, error instanceof ListenError ? error.reason : reason));
  };
  for (const [index, prometheus] of pipeline.readers.prometheus.entries()) {
    const { host, port, auth, tls } = prometheus.config;
    try {
      const server = await startTelemetryServer({ host, port, auth, tls, routes: observability.routesBeside(prometheus, index) });
      servers.push(server);
      const url = server.baseUrl + prometheus.path;
      endpoints.prometheus ??= url;
      if (observability.healthBesideMetrics) endpoints.health ??= `${server.baseUrl}/health`;
      // A picked port is only useful if someone learns it: stdout is the MCP wire, so stderr.
      if (port === 0) reporter.info(`serving Prometheus metrics on ${url}`);
    } catch (error) {
      await fail(error, `${host}:${port}`, `cannot serve Prometheus metrics on ${host}:${port}: ${String(error)}.`);
    }
  }
  const own = observability.ownServer;
  if (own !== undefined) {
    try {
      const server = await observability.startServer(own);
      servers.push(server);
      endpoints.health = `${server.baseUrl}/health`;
      if (own.port === 0) reporter.info(`serving health on ${endpoints.health}`);
    } catch (error) {
      await fail(error, `${own.host}:${own.port}`, `cannot serve the health endpoints on ${own.host}:${own.port}: ${String(error)}.`);
    }
  }
  return { servers, endpoints };
}

function reportLateShutdown(pipeline: MetricsPipeline<PrometheusHttpEndpoint>, deadlineMs: number, reporter: Reporter): void {
  const stuck = pipeline.readers.push.filter((push) => push.exporter.status().exporting > 0);
  for (const push of stuck) push.exporter.abandon();
  const busy = stuck.map((push) => push.config.type);
  const which = busy.length === 0 ? 'the readers' : `the ${busy.join(', ')} exporter(s)`;
  reporter.warn(
    `shutdown did not finish within ${formatMs(deadlineMs)}: ${which} still had not answered, and were left behind ` +
      '(values recorded since their last successful export may be lost). Fix: check that the receiver is reachable, or raise shutdownTimeout (MCP_OTEL_SHUTDOWN_TIMEOUT).',
  );
}

function installDiagLogger(level: string | undefined): void {
  const parsed = parseLogLevel(level);
  if (parsed !== undefined) diag.setLogger(createStderrDiagLogger(), { logLevel: parsed, suppressOverrideMessage: true });
}
