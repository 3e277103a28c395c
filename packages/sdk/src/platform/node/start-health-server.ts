import type { RouteHandler, TelemetryServer } from './telemetry-server.js';
import { ListenError, startTelemetryServer } from './telemetry-server.js';

/**
 * The health endpoints on their own server (`health.port`), so they answer without Prometheus.
 * Rejects with an error that names the health settings (not the Prometheus ones) when it cannot bind.
 */
export async function startHealthServer(host: string, port: number, routes: Record<string, RouteHandler>): Promise<TelemetryServer> {
  try {
    return await startTelemetryServer({ host, port, routes });
  } catch (error) {
    const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
    const code = cause?.code;
    const where = `${host}:${port}`;
    const fix =
      code === 'EADDRINUSE'
        ? 'the port is already in use. Set health.port (or MCP_OTEL_HEALTH_PORT) to a free port, or 0 to pick one.'
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? 'no such local address. Set health.host (or MCP_OTEL_HEALTH_HOST) to an address of this machine, e.g. 127.0.0.1.'
          : code === 'EACCES'
            ? 'permission denied. Use a port above 1023.'
            : (error as Error).message;
    throw new ListenError(where, `cannot serve the health endpoints on ${where}: ${fix}`, cause ?? (error as NodeJS.ErrnoException));
  }
}
