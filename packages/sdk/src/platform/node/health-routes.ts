import { diag } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HealthRegistry } from '../../health/health-registry.js';
import type { CheckReport, HealthReport } from '../../health/health-types.js';
import type { RouteHandler } from './telemetry-server.js';

/** The health paths the telemetry server serves. */
export const HEALTH_PATHS = { live: '/livez', ready: '/readyz', health: '/health' } as const;

/**
 * `/livez`, `/readyz` and `/health` over a registry. `/livez` answers `ok` while the process
 * serves requests (it runs no check). `/readyz` follows Kubernetes: 200 `ok`, or 503 listing the
 * failed critical checks (`?verbose` lists all, `?exclude=<name>` skips one). `/health` serves every
 * check as JSON (status, message, duration, critical, cached), 503 when a critical check is
 * unhealthy, else 200 (degraded included). Checks run at most once per their interval, however
 * many probes arrive. A handler never throws; `HEAD` gets the status without a body.
 */
export function createHealthRoutes(registry: HealthRegistry): Record<string, RouteHandler> {
  return {
    [HEALTH_PATHS.live]: (request, response) => send(request, response, 200, 'text/plain; charset=utf-8', verbose(request) ? '[+]ping ok\nlivez check passed\n' : 'ok\n'),
    [HEALTH_PATHS.ready]: (request, response) => {
      const excluded = new Set(new URL(request.url ?? '/', 'http://x').searchParams.getAll('exclude'));
      answer(request, response, registry.report((check) => check.critical && !excluded.has(check.name)), (report) => {
        const failed = report.status === 'unhealthy';
        const body = failed || verbose(request) ? `${report.checks.map(readyLine).join('')}readyz check ${failed ? 'failed' : 'passed'}\n` : 'ok\n';
        return [failed ? 503 : 200, 'text/plain; charset=utf-8', body];
      });
    },
    [HEALTH_PATHS.health]: (request, response) =>
      answer(request, response, registry.report(), (report) => [report.status === 'unhealthy' ? 503 : 200, 'application/json; charset=utf-8', `${JSON.stringify(healthJson(report))}\n`]),
  };
}

function answer(request: IncomingMessage, response: ServerResponse, report: Promise<HealthReport>, render: (report: HealthReport) => [number, string, string]): void {
  report.then(
    (done) => send(request, response, ...render(done)),
    (error: unknown) => {
      diag.error('mcp-otel: a health probe failed', error);
      send(request, response, 500, 'text/plain; charset=utf-8', 'health check failed\n');
    },
  );
}

function send(request: IncomingMessage, response: ServerResponse, status: number, contentType: string, body: string): void {
  if (response.destroyed || response.headersSent) return;
  response.statusCode = status;
  response.setHeader('content-type', contentType);
  response.setHeader('cache-control', 'no-store');
  response.end(request.method === 'HEAD' ? undefined : body);
}

function verbose(request: IncomingMessage): boolean {
  return new URL(request.url ?? '/', 'http://x').searchParams.has('verbose');
}

function readyLine(check: CheckReport): string {
  return check.status === 'unhealthy' ? `[-]${check.name} failed: ${check.message ?? 'unhealthy'}\n` : `[+]${check.name} ok\n`;
}

function healthJson(report: HealthReport): unknown {
  return {
    status: report.status,
    checks: report.checks.map((check) => ({ ...check, checkedAt: new Date(check.checkedAt).toISOString() })),
  };
}
