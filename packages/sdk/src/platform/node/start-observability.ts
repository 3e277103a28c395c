import type { MeterProvider } from '@opentelemetry/api';
import type { Clock } from '../../clock/clock.js';
import type { ResolvedConfig } from '../../config/resolved-config.js';
import type { Readers } from '../../create/create-readers.js';
import type { PrometheusReader } from '../../exporters/prometheus/create-prometheus-reader.js';
import type { AlertsApi } from '../../alerts/alerts-api.js';
import { createAlerts } from '../../alerts/create-alerts.js';
import { createHealth } from '../../health/create-health.js';
import { ExporterStatusBoard } from '../../health/exporter-status.js';
import type { ExporterStatus } from '../../health/exporter-status.js';
import type { HealthApi } from '../../health/health-types.js';
import { createHistory, DISABLED_HISTORY, unitsSeen } from '../../history/create-history.js';
import type { MetricHistory } from '../../history/metric-history.js';
import { createEventLoopCheck } from './event-loop-check.js';
import { createHeapCheck } from './heap-check.js';
import { createHealthRoutes } from './health-routes.js';
import { nodeHttpPost } from './node-http-post.js';
import { startHealthServer } from './start-health-server.js';
import type { RouteHandler, TelemetryServer } from './telemetry-server.js';
import { trackScrapes } from './track-scrapes.js';

/** Health, history and alerts of one `startMetrics` handle, wired for Node. */
export interface Observability {
  readonly health: HealthApi;
  readonly history: MetricHistory;
  readonly alerts: AlertsApi;
  /** The routes of a Prometheus exporter's server: its scrape handler (tracked) and, unless health has its own server, the health endpoints. */
  routesBeside(prometheus: PrometheusReader, index: number): Record<string, RouteHandler>;
  /** Whether the health endpoints are served beside each `/metrics`. */
  readonly healthBesideMetrics: boolean;
  /** Where the health endpoints get their own server (`health.port`), if they do. */
  readonly ownServer: { host: string; port: number } | undefined;
  /** Starts that own server; rejects with a `ListenError` naming the health settings. */
  startServer(address: { host: string; port: number }): Promise<TelemetryServer>;
  /** Starts the history collections and the rule evaluations. */
  start(): void;
  /** Stops them, and waits (at most `deadlineMs`) for notifications under way. Never rejects. */
  shutdown(deadlineMs?: number): Promise<void>;
}

/** What wiring needs: the pipeline's readers and provider, and the clock. */
export interface ObservabilityDependencies {
  readers: Readers;
  meterProvider: MeterProvider;
  clock: Clock;
}

/**
 * Builds health (built-in checks: exporters, event loop, heap, MCP transports), the history and
 * the alert evaluator from a resolved config; nothing runs until `start()`.
 */
export function createObservability(config: ResolvedConfig, dependencies: ObservabilityDependencies): Observability {
  const { readers, clock } = dependencies;
  const scrapes = new ExporterStatusBoard(() => clock.now());
  const pullStatuses = readers.prometheus.map(() => scrapes.add('prometheus', 'pull'));
  const historyReader = readers.history;
  const collect = historyReader === undefined ? undefined : async () => (await historyReader.collect()).resourceMetrics;
  const health = createHealth(config.health, {
    clock,
    meterProvider: dependencies.meterProvider,
    exporters: [...pushHealthSources(readers), ...pullStatuses.map((status) => ({ name: status.name, read: () => status, now: () => clock.now() }))],
    collect: config.health.transport.enabled === false ? undefined : collect,
  });
  const stops: Array<() => void> = [];
  if (config.health.enabled && config.health.eventLoopDelay.enabled) {
    const eventLoop = createEventLoopCheck(config.health.eventLoopDelay.limitMs);
    health.registry.register('event-loop', eventLoop.check, { critical: config.health.eventLoopDelay.critical });
    stops.push(eventLoop.stop);
  }
  if (config.health.enabled && config.health.heap.enabled) {
    health.registry.register('heap', createHeapCheck(config.health.heap.limit), { critical: config.health.heap.critical });
  }
  const history = createHistory(config.retention, historyReader, clock);
  const alerts = createAlerts(config, { store: history?.store, clock, meterProvider: dependencies.meterProvider, post: nodeHttpPost, unitsSeen: () => unitsSeen(history?.store) });
  const routes = config.health.enabled ? createHealthRoutes(health.registry) : {};
  const ownServer = config.health.enabled ? config.health.server : undefined;
  const healthBesideMetrics = config.health.enabled && ownServer === undefined;

  return {
    health: health.api,
    history: history?.history ?? DISABLED_HISTORY,
    alerts: alerts.api,
    healthBesideMetrics,
    ownServer,
    routesBeside(prometheus, index) {
      const scrape = trackScrapes(prometheus.handle, scrapes, pullStatuses[index]!);
      return { ...(healthBesideMetrics ? routes : {}), [prometheus.path]: scrape };
    },
    startServer: (address) => startHealthServer(address.host, address.port, routes),
    start() {
      history?.recorder.start();
      alerts.evaluator?.start();
    },
    async shutdown(deadlineMs = 5_000) {
      history?.recorder.stop();
      alerts.evaluator?.stop();
      for (const stop of stops) stop();
      if (alerts.evaluator === undefined) return;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadlineMs);
        timer.unref();
      });
      await Promise.race([alerts.evaluator.idle(), deadline]);
      clearTimeout(timer);
    },
  };
}

/**
 * The push exporters' statuses, as their `ObservedExporter` keeps them (times from `Date.now`),
 * named by type: `otlp`, `otlp-2`, `statsd`.
 */
function pushHealthSources(readers: Readers): Array<{ name: string; read: () => ExporterStatus; now: () => number }> {
  const counts = new Map<string, number>();
  return readers.push.map(({ config, exporter }) => {
    const count = (counts.get(config.type) ?? 0) + 1;
    counts.set(config.type, count);
    const name = count === 1 ? config.type : `${config.type}-${count}`;
    const since = Date.now();
    const read = (): ExporterStatus => {
      const status = exporter.status();
      return {
        name,
        kind: 'push',
        since,
        lastSuccessAt: status.lastSuccessAt,
        lastFailureAt: status.lastFailureAt,
        lastError: status.lastErrorType,
        consecutiveFailures: status.consecutiveFailures,
      };
    };
    return { name, read, now: () => Date.now() };
  });
}
