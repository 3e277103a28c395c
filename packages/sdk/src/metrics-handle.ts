import type { Meter, MeterProvider } from '@opentelemetry/api';
import type { AlertsApi } from './alerts/alerts-api.js';
import type { HealthApi } from './health/health-types.js';
import type { MetricHistory } from './history/metric-history.js';
import type { ResolvedConfig } from './config/resolved-config.js';
import type { MetricsFacade } from './facade/metrics-facade.js';
import type { MetricsProblem } from './report/problems.js';

/** URLs the SDK serves, filled once their servers listen. */
export interface MetricsEndpoints {
  /** Full URL of the Prometheus endpoint, e.g. `http://127.0.0.1:9464/metrics` (first Prometheus exporter). */
  prometheus?: string;
  /** Full URL of `/health` (beside `/metrics`, or on the own health server); `/livez` and `/readyz` are its siblings. */
  health?: string;
}

/**
 * What `startMetrics` returns: the running pipeline and the facade bound to it.
 *
 * @example
 * ```ts
 * const handle = await startMetrics({ serviceName: 'weather-mcp' });
 * handle.counter('weather.lookups').increment();
 * await handle.shutdown();
 * ```
 */
export interface MetricsHandle extends MetricsFacade {
  /** The MeterProvider; registered globally unless `registerGlobal: false`. */
  readonly meterProvider: MeterProvider;
  /** The configuration in force, after merge and defaults. */
  readonly config: ResolvedConfig;
  /** Where the SDK serves metrics. */
  readonly endpoints: MetricsEndpoints;
  /**
   * What `startMetrics` could not do as configured and worked around (outside strict mode): ignored
   * config values, endpoints that could not listen. Each was reported once on stderr; their count is
   * the `mcp_otel.sdk.problems` gauge. Empty when all went as configured.
   */
  readonly problems: readonly MetricsProblem[];
  /** A meter from this provider. @default name `"@mcp-otel/sdk/app"` */
  meter(name?: string, version?: string): Meter;
  /** Collects and pushes every push exporter now. Never rejects; failures are logged via `diag`. */
  forceFlush(): Promise<void>;
  /**
   * Flushes, stops readers and servers, unregisters the global provider, within `shutdownTimeout`
   * (exporters still busy then are left behind, with a warning). Idempotent. Never rejects.
   */
  shutdown(): Promise<void>;
  /** Health checks behind `/livez`, `/readyz` and `/health`; register your own. */
  readonly health: HealthApi;
  /** The recent history of every metric, with PromQL's functions (on with `retention` or `alerts`). */
  readonly history: MetricHistory;
  /** Alert rules: their alerts, silences, and the same rules for Prometheus. */
  readonly alerts: AlertsApi;
}
