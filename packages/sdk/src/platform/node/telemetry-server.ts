import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Handles one request on a route of the telemetry server. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** A running telemetry HTTP server (`/metrics` now; `/health` and `/ready` join it later). */
export interface TelemetryServer {
  /** Base URL, e.g. `http://127.0.0.1:9464`, with the port actually bound. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** Options of {@link startTelemetryServer}. */
export interface TelemetryServerOptions {
  host: string;
  port: number;
  /** Exact paths (query strings ignored) to handlers. */
  routes: Record<string, RouteHandler>;
}

/**
 * Starts the SDK's own HTTP server. It is `unref()`-ed so it never keeps a process alive, and it
 * rejects with an error that names the address and the config fields to change when it cannot bind.
 */
export async function startTelemetryServer(options: TelemetryServerOptions): Promise<TelemetryServer> {
  const server = createServer((request, response) => route(options.routes, request, response));
  server.unref();
  await listen(server, options.host, options.port);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { baseUrl: `http://${host}:${port}`, close: () => close(server) };
}

function route(routes: Record<string, RouteHandler>, request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
  const handler = routes[path];
  if (handler === undefined) {
    response.statusCode = 404;
    response.setHeader('content-type', 'text/plain; charset=utf-8');
    response.end(`Not found. Try ${Object.keys(routes).join(', ')}\n`);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.statusCode = 405;
    response.setHeader('allow', 'GET, HEAD');
    response.end();
    return;
  }
  handler(request, response);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(new Error(listenErrorMessage(error, host, port), { cause: error }));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function listenErrorMessage(error: NodeJS.ErrnoException, host: string, port: number): string {
  const where = `${host}:${port}`;
  if (error.code === 'EADDRINUSE') {
    return `mcp-otel: cannot serve Prometheus metrics on ${where}: the port is already in use. Set the prometheus exporter's "port" (or OTEL_EXPORTER_PROMETHEUS_PORT) to a free port, or 0 to pick one.`;
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return `mcp-otel: cannot serve Prometheus metrics on ${where}: no such local address. Set the prometheus exporter's "host" (or OTEL_EXPORTER_PROMETHEUS_HOST) to an address of this machine, e.g. 127.0.0.1.`;
  }
  if (error.code === 'EACCES') {
    return `mcp-otel: cannot serve Prometheus metrics on ${where}: permission denied. Use a port above 1023.`;
  }
  return `mcp-otel: cannot serve Prometheus metrics on ${where}: ${error.message}`;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets of a scraper would hold close() open until they time out.
    server.closeAllConnections();
  });
}
