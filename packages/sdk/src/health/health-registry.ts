import { redactText } from '../redact/redact-text.js';
import { redactValue } from '../redact/redact-value.js';
import type { Clock } from '../clock/clock.js';
import type { CheckReport, HealthCheck, HealthCheckResult, HealthReport, HealthStatus } from './health-types.js';

/** A registered check and its last run. */
interface Entry {
  readonly name: string;
  readonly check: HealthCheck;
  readonly critical: boolean;
  readonly timeoutMs: number;
  readonly cacheMs: number;
  last: { result: HealthCheckResult; durationMs: number; checkedAt: number } | undefined;
  /** The run under way (shared by every probe that asks meanwhile). */
  refreshing: Promise<void> | undefined;
  /** A call of the check that has not settled yet, possibly past its timeout (never started twice). */
  pending: Promise<HealthCheckResult> | undefined;
}

/** Options of {@link HealthRegistry}. */
export interface HealthRegistryOptions {
  clock: Clock;
  defaultTimeoutMs: number;
  defaultCacheMs: number;
  /** Called after every real run (not for cached results), e.g. to record its duration. */
  onRun?: (name: string, result: HealthCheckResult, durationMs: number) => void;
}

/**
 * The named checks and their cached results. A probe asks for a report; a check whose result is
 * younger than its interval is not run again, concurrent probes share one run, and a run that
 * exceeds its timeout is reported `unhealthy` at the timeout, so a hung check cannot hang a probe.
 * A hung check is never called again while its earlier call is still pending.
 */
export class HealthRegistry {
  private readonly options: HealthRegistryOptions;
  private readonly entries = new Map<string, Entry>();

  constructor(options: HealthRegistryOptions) {
    this.options = options;
  }

  register(name: string, check: HealthCheck, settings: { critical?: boolean; timeoutMs?: number; cacheMs?: number } = {}): () => void {
    if (typeof name !== 'string' || name.trim() === '') throw new TypeError(`mcp-otel: a health check needs a non-empty name, got ${JSON.stringify(name)}`);
    if (typeof check !== 'function') throw new TypeError(`mcp-otel: health check "${name}" must be a function, got ${typeof check}`);
    if (this.entries.has(name)) throw new Error(`mcp-otel: a health check named "${name}" is already registered; remove it first or pick another name`);
    const entry: Entry = {
      name,
      check,
      critical: settings.critical ?? true,
      timeoutMs: settings.timeoutMs ?? this.options.defaultTimeoutMs,
      cacheMs: settings.cacheMs ?? this.options.defaultCacheMs,
      last: undefined,
      refreshing: undefined,
      pending: undefined,
    };
    this.entries.set(name, entry);
    return () => {
      if (this.entries.get(name) === entry) this.entries.delete(name);
    };
  }

  /** A report of the checks `include` selects (all by default), running those whose result is stale. */
  async report(include: (check: { name: string; critical: boolean }) => boolean = () => true): Promise<HealthReport> {
    const selected = [...this.entries.values()].filter((entry) => include(entry));
    const now = this.options.clock.now();
    const fresh = selected.map((entry) => entry.last !== undefined && now - entry.last.checkedAt < entry.cacheMs);
    await Promise.all(selected.filter((_entry, index) => !fresh[index]).map((entry) => this.refresh(entry)));
    const checks = selected.map((entry, index) => toReport(entry, fresh[index]!));
    return { status: overallStatus(checks), checks };
  }

  /** The last result of every check, without running anything (for metrics). */
  lastResults(): CheckReport[] {
    return [...this.entries.values()].filter((entry) => entry.last !== undefined).map((entry) => toReport(entry, true));
  }

  private refresh(entry: Entry): Promise<void> {
    if (entry.refreshing !== undefined) return entry.refreshing;
    // Set before the check runs: a check that re-enters the registry (through a metrics
    // collection, say) must find this run, not start another.
    let finished = (): void => undefined;
    entry.refreshing = new Promise<void>((resolve) => (finished = resolve));
    void this.run(entry).finally(() => {
      entry.refreshing = undefined;
      finished();
    });
    return entry.refreshing;
  }

  private async run(entry: Entry): Promise<void> {
    const { clock } = this.options;
    const started = clock.now();
    const stillPending = entry.pending !== undefined;
    entry.pending ??= call(entry.check).finally(() => (entry.pending = undefined));
    let cancel = (): void => undefined;
    const timedOut = new Promise<HealthCheckResult>((resolve) => {
      cancel = clock.after(entry.timeoutMs, () =>
        resolve({ status: 'unhealthy', message: stillPending ? `still running, ${clock.now() - started} ms after its previous timeout` : `timed out after ${entry.timeoutMs} ms` }),
      );
    });
    const result = await Promise.race([entry.pending, timedOut]);
    cancel();
    const durationMs = clock.now() - started;
    entry.last = { result, durationMs, checkedAt: started };
    this.options.onRun?.(entry.name, result, durationMs);
  }
}

/** Calls a check and turns whatever it does into a result; never rejects. */
async function call(check: HealthCheck): Promise<HealthCheckResult> {
  try {
    const outcome = await check();
    if (typeof outcome === 'string') return isStatus(outcome) ? { status: outcome } : invalid(outcome);
    if (typeof outcome === 'object' && outcome !== null && isStatus(outcome.status)) return outcome;
    return invalid(outcome);
  } catch (error) {
    return { status: 'unhealthy', message: error instanceof Error ? error.message : String(error) };
  }
}

function isStatus(value: unknown): value is HealthStatus {
  return value === 'healthy' || value === 'degraded' || value === 'unhealthy';
}

function invalid(outcome: unknown): HealthCheckResult {
  return { status: 'unhealthy', message: `the check returned ${JSON.stringify(outcome) ?? String(outcome)}, not a status or { status }` };
}

function toReport(entry: Entry, cached: boolean): CheckReport {
  const last = entry.last!;
  const report: CheckReport = { name: entry.name, status: last.result.status, critical: entry.critical, durationMs: last.durationMs, checkedAt: last.checkedAt, cached };
  // A check's message and details are the host's text (a connection string, an error of a client):
  // the SDK's one redaction rule applies, as to everything else it shows.
  if (last.result.message !== undefined) report.message = typeof last.result.message === 'string' ? redactText(last.result.message) : last.result.message;
  if (last.result.details !== undefined) report.details = redactValue(last.result.details) as typeof last.result.details;
  return report;
}

/** Critical and unhealthy: unhealthy; anything degraded, or unhealthy but not critical: degraded. */
export function overallStatus(checks: readonly Pick<CheckReport, 'status' | 'critical'>[]): HealthStatus {
  let status: HealthStatus = 'healthy';
  for (const check of checks) {
    if (check.status === 'unhealthy' && check.critical) return 'unhealthy';
    if (check.status !== 'healthy') status = 'degraded';
  }
  return status;
}
