/**
 * The public shapes of health checks (`handle.health`): what a check returns, how it is
 * registered, and the report the `/health` endpoint serves.
 */
import type { DurationInput } from '../config/types.js';

/** `degraded` keeps serving (200) but says so; `unhealthy` fails the probe (503) when the check is critical. */
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

/** What a check found. */
export interface HealthCheckResult {
  status: HealthStatus;
  /** One line for humans, e.g. `"p99 event-loop delay 12 ms (limit 500 ms)"`. */
  message?: string;
  /** Figures behind the status, served as they are in `/health`. Never put secrets here. */
  details?: Record<string, string | number | boolean>;
}

/**
 * A health check: returns (or resolves to) a result, or just a status. A throw or rejection means
 * `unhealthy` with the error's message; a check slower than its timeout is `unhealthy` too.
 *
 * @example
 * ```ts
 * import type { HealthCheck } from '@mcp-otel/sdk';
 *
 * const jobs: string[] = [];
 * const queue: HealthCheck = () => (jobs.length > 1000 ? { status: 'degraded', message: `backlog ${jobs.length}` } : 'healthy');
 * handle.health.register('queue', queue, { critical: false });
 * ```
 */
export type HealthCheck = () => HealthCheckResult | HealthStatus | Promise<HealthCheckResult | HealthStatus>;

/** Options of `handle.health.register`. */
export interface HealthCheckOptions {
  /** A critical check that is unhealthy fails `/readyz` and makes `/health` answer 503. @default true */
  critical?: boolean;
  /** Longest run; slower is unhealthy. @default `health.timeout` ("2s") */
  timeout?: DurationInput;
  /** How long a result is reused before the check runs again. @default `health.cacheInterval` ("5s") */
  interval?: DurationInput;
}

/** One check in a report. */
export interface CheckReport {
  name: string;
  status: HealthStatus;
  message?: string;
  details?: Record<string, string | number | boolean>;
  critical: boolean;
  /** How long the run that produced this result took. */
  durationMs: number;
  /** When that run started, ms since the epoch. */
  checkedAt: number;
  /** The result was reused from an earlier run (within the check's interval). */
  cached: boolean;
}

/** The state of a set of checks. */
export interface HealthReport {
  /** `unhealthy` when a critical check is; `degraded` when any check is degraded or a non-critical one unhealthy. */
  status: HealthStatus;
  checks: CheckReport[];
}

/** The health API of a handle. */
export interface HealthApi {
  /**
   * Adds a check, run on demand by the probes (at most once per `interval`) and reported in
   * `/health`, in `/readyz` when critical, and as metrics. Returns a function that removes it.
   * Throws when the name is empty or already registered.
   *
   * @example
   * ```ts
   * const remove = handle.health.register('forecast-api', async () => {
   *   const response = await fetch('https://forecast.example.com/health');
   *   return { status: response.ok ? 'healthy' : 'unhealthy', message: `HTTP ${response.status}` };
   * }, { critical: true, timeout: '1s' });
   * ```
   */
  register(name: string, check: HealthCheck, options?: HealthCheckOptions): () => void;
  /** Every check, as `/health` reports them. */
  check(): Promise<HealthReport>;
  /** The critical checks, as `/readyz` decides on them. */
  ready(): Promise<HealthReport>;
}
