import type { ExporterStatus } from '../exporter-status.js';
import type { HealthCheck, HealthCheckResult } from '../health-types.js';

/**
 * Whether an exporter succeeded recently (`read` gives its status now; `now` is the clock its
 * times come from). A push exporter is healthy when its last export
 * succeeded, degraded when the last one failed but one within `maxAgeMs` succeeded, unhealthy when
 * none has for `maxAgeMs` (a fresh exporter gets `maxAgeMs` to make its first). Prometheus is
 * healthy until its first scrape and while scrapes succeed, degraded when nobody scraped it for
 * `maxAgeMs`, unhealthy when its last scrape failed.
 */
export function exporterCheck(read: () => ExporterStatus, now: () => number, maxAgeMs: number): HealthCheck {
  return () => {
    const status = read();
    return status.kind === 'push' ? pushHealth(status, now(), maxAgeMs) : pullHealth(status, now(), maxAgeMs);
  };
}

function pushHealth(status: ExporterStatus, now: number, maxAgeMs: number): HealthCheckResult {
  const details = detailsOf(status, now);
  const lastFailed = status.lastFailureAt !== undefined && (status.lastSuccessAt === undefined || status.lastFailureAt > status.lastSuccessAt);
  const recent = status.lastSuccessAt !== undefined && now - status.lastSuccessAt <= maxAgeMs;
  if (!lastFailed && (recent || now - status.since <= maxAgeMs)) {
    return { status: 'healthy', message: status.lastSuccessAt === undefined ? 'no export yet' : `last export ${ago(now, status.lastSuccessAt)}`, details };
  }
  const error = status.lastError === undefined ? '' : `: ${status.lastError}`;
  if (lastFailed && recent) return { status: 'degraded', message: `the last export failed${error}; ${status.consecutiveFailures} failure(s) in a row`, details };
  const since = status.lastSuccessAt === undefined ? 'since start' : `for ${Math.round((now - status.lastSuccessAt) / 1000)} s`;
  return { status: 'unhealthy', message: `no successful export ${since} (limit ${Math.round(maxAgeMs / 1000)} s)${error}`, details };
}

function pullHealth(status: ExporterStatus, now: number, maxAgeMs: number): HealthCheckResult {
  const details = detailsOf(status, now);
  if (status.lastFailureAt !== undefined && (status.lastSuccessAt === undefined || status.lastFailureAt > status.lastSuccessAt)) {
    return { status: 'unhealthy', message: `the last scrape failed${status.lastError === undefined ? '' : `: ${status.lastError}`}`, details };
  }
  if (status.lastSuccessAt === undefined) return { status: 'healthy', message: 'not scraped yet', details };
  if (now - status.lastSuccessAt > maxAgeMs) return { status: 'degraded', message: `no scrape for ${Math.round((now - status.lastSuccessAt) / 1000)} s`, details };
  return { status: 'healthy', message: `last scrape ${ago(now, status.lastSuccessAt)}`, details };
}

function detailsOf(status: ExporterStatus, now: number): Record<string, number> {
  const details: Record<string, number> = { consecutiveFailures: status.consecutiveFailures };
  if (status.lastSuccessAt !== undefined) details.secondsSinceSuccess = Math.round((now - status.lastSuccessAt) / 1000);
  if (status.lastFailureAt !== undefined) details.secondsSinceFailure = Math.round((now - status.lastFailureAt) / 1000);
  return details;
}

function ago(now: number, then: number): string {
  return `${Math.round((now - then) / 1000)} s ago`;
}
