import { metrics as otelMetrics } from '@opentelemetry/api';
import type { MeterProvider } from '@opentelemetry/api';
import type { AlertsApi } from '../../alerts/alerts-api.js';
import { systemClock } from '../../clock/clock.js';
import { ConfigError } from '../../config/config-error.js';
import { resolveConfigLeniently } from '../../config/resolve-config.js';
import type { MetricsConfig } from '../../config/types.js';
import { buildPipeline } from '../../create/create-pipeline.js';
import { createMetricsFacade } from '../../facade/metrics-facade.js';
import { getFacadeProvider, setFacadeProvider } from '../../facade/provider-registry.js';
import { createHealth } from '../../health/create-health.js';
import { DISABLED_HISTORY } from '../../history/metric-history.js';
import { settleWithin } from '../../lifecycle/settle-within.js';
import type { MetricsHandle } from '../../metrics-handle.js';
import { createNoopHandle } from '../../noop-handle.js';
import { APP_METER_NAME } from '../../plan/meter-names.js';
import { registerGlobal } from '../../report/global-meter-provider.js';
import { configProblem, countByKind } from '../../report/problems.js';
import type { MetricsProblem } from '../../report/problems.js';
import { createReporter } from '../../report/reporter.js';
import { observeProblems, SELF_METER_NAME } from '../../report/self-metrics.js';
import { browserPlatform } from './browser-platform.js';
import { nodeOnlyAsks } from './node-only-asks.js';
import { installPageHideFlush, type PageState } from './page-lifecycle.js';

/**
 * `handle.alerts` of a browser build: alert rules need Node (the history), so there are none. Not
 * the shared `disabledAlerts`, which renders the config's rules as YAML and would put a YAML
 * library into every browser bundle for an always-empty file.
 */
const NO_ALERTS: AlertsApi = {
  enabled: false,
  list: () => [],
  silence: () => {
    throw new RangeError('mcp-otel: alert rules need Node.js (the browser build has none), so there is nothing to silence');
  },
  expireSilence: () => false,
  silences: () => [],
  evaluate: () => Promise.resolve(),
  flush: () => Promise.resolve(),
  toPrometheusRules: () => ({ file: { groups: [] }, yaml: 'groups: []\n', problems: [] }),
};

/** The exporters of a browser build when `config.exporters` is not given: a Collector on this machine. */
const BROWSER_DEFAULT_EXPORTERS: MetricsConfig['exporters'] = [{ type: 'otlp' }];

/**
 * Starts metrics in a browser page or a Web Worker (the `browser` and `worker` builds of
 * `@mcp-otel/sdk`): resolves `config` (the only source: there is no environment and no config
 * file), builds the Resource, views and one reader per exporter, registers the MeterProvider
 * globally (unless `registerGlobal: false`) and binds the `metrics` facade to it.
 *
 * Exporters: `otlp` (over `fetch`, keepalive; `http/protobuf` or `http/json`; the receiver
 * must answer CORS when it is on another origin) and `console` (the developer tools console).
 * @default exporters `[{ type: 'otlp' }]` (http://localhost:4318/v1/metrics)
 *
 * In a page the last values are flushed when it goes away (`pagehide`, or `visibilitychange` to
 * hidden) with a keepalive `fetch`, or `sendBeacon` for what keepalive cannot carry; in a worker
 * call `shutdown()` before it ends. Asking for what needs Node (Prometheus, StatsD, file exporters,
 * health endpoints, runtime metrics, signals, history, alerts, a config file, an environment)
 * rejects with a `ConfigError` naming each such setting; other invalid values are ignored with a
 * warning on the console unless `strict: true`.
 *
 * @example
 * ```ts
 * import { startMetrics } from '@mcp-otel/sdk';
 *
 * const telemetry = await startMetrics({
 *   serviceName: 'chat-web',
 *   exporters: [{ type: 'otlp', endpoint: 'https://collector.example.com/v1/metrics', protocol: 'http/json' }],
 * });
 * telemetry.counter('chat.messages').increment();
 * ```
 */
export function startBrowserMetrics(config?: MetricsConfig, sources: { configFile?: string; env?: Record<string, string | undefined> } = {}): Promise<MetricsHandle> {
  // A promise, as the Node build's: bad config is a rejection, never a throw.
  return new Promise((resolve) => resolve(start(config, sources)));
}

function start(config: MetricsConfig | undefined, sources: { configFile?: string; env?: unknown }): MetricsHandle {
  const nodeOnly = nodeOnlyAsks(config, sources);
  if (nodeOnly.length > 0) throw new ConfigError(nodeOnly);
  const reporter = createReporter();
  const withDefaults: MetricsConfig = { ...config, exporters: config?.exporters ?? BROWSER_DEFAULT_EXPORTERS, health: { enabled: false }, runtime: false };
  const { config: resolved, issues } = resolveConfigLeniently({ config: withDefaults, env: {} });
  if (resolved.strict && issues.length > 0) throw new ConfigError(issues);
  const problems: MetricsProblem[] = [];
  const report = (problem: MetricsProblem): void => {
    problems.push(problem);
    reporter.warn(problem.message);
  };
  issues.map(configProblem).forEach(report);
  if (!resolved.enabled) return createNoopHandle(resolved, problems, NO_ALERTS);

  const page: PageState = { hiding: false };
  const pipeline = buildPipeline(resolved, { reporter, platform: browserPlatform(page) });
  const provider: MeterProvider = pipeline.meterProvider;
  observeProblems(provider.getMeter(SELF_METER_NAME), () => countByKind(problems));
  const registeredGlobal = resolved.registerGlobal && registerGlobal(provider, report);
  if (registeredGlobal) setFacadeProvider(provider);
  const removePageHide = installPageHideFlush(pipeline.forceFlush, page);

  let shutdownPromise: Promise<void> | undefined;
  const shutdown = async (): Promise<void> => {
    removePageHide();
    if (registeredGlobal) {
      if (getFacadeProvider() === provider) setFacadeProvider(undefined);
      if (otelMetrics.getMeterProvider() === provider) otelMetrics.disable();
    }
    if ((await settleWithin(pipeline.shutdown(), resolved.shutdownTimeoutMs)) === 'timeout') {
      reporter.warn(`shutdown did not finish within ${resolved.shutdownTimeoutMs} ms: an exporter still had not answered (values since its last export may be lost).`);
    }
  };
  return Object.assign(createMetricsFacade(provider), {
    meterProvider: provider,
    config: resolved,
    endpoints: {},
    problems,
    meter: (name = APP_METER_NAME, version?: string) => provider.getMeter(name, version),
    forceFlush: pipeline.forceFlush,
    shutdown: () => (shutdownPromise ??= shutdown()),
    health: createHealth({ ...resolved.health, enabled: false }, { clock: systemClock, meterProvider: provider, exporters: [], collect: undefined }).api,
    history: DISABLED_HISTORY,
    alerts: NO_ALERTS,
  });
}
