import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { PrometheusAuthConfig, PrometheusTlsConfig } from '../../config/types.js';
import { createRequestAuth } from './request-auth.js';
import type { RequestAuth } from './request-auth.js';

/** Handles one request on a route of the telemetry server. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** A running telemetry HTTP(S) server: `/metrics`, and whatever other routes it was given. */
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
  /** Credentials every request must carry; without them it gets 401. @default none */
  auth?: PrometheusAuthConfig | undefined;
  /** Serve HTTPS with these PEM files, read once here. @default plain HTTP */
  tls?: PrometheusTlsConfig | undefined;
}

/**
 * Starts the SDK's own HTTP server. It is `unref()`-ed so it never keeps a process alive, and it
 * rejects with an error that names the address and the config fields to change when it cannot bind.
 */
export async function startTelemetryServer(options: TelemetryServerOptions): Promise<TelemetryServer> {
  const auth = options.auth === undefined ? undefined : createRequestAuth(options.auth);
  const handle = (request: IncomingMessage, response: ServerResponse): void => route(options.routes, auth, request, response);
  const server = options.tls === undefined ? createServer(handle) : createHttpsServer(await readTls(options.tls, options.host, options.port), handle);
  server.unref();
  await listen(server, options.host, options.port);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const scheme = options.tls === undefined ? 'http' : 'https';
  return { baseUrl: `${scheme}://${host}:${port}`, close: () => close(server) };
}

/** The request's path: origin-form (`/metrics?x`) or absolute-form (`http://host/metrics`, RFC 9112 3.2.2). */
export function requestPath(target: string | undefined): string {
  const raw = target ?? '/';
  if (raw.startsWith('/')) return raw.split('?', 1)[0] ?? '/';
  try {
    return new URL(raw).pathname;
  } catch {
    return raw;
  }
}

function route(routes: Record<string, RouteHandler>, auth: RequestAuth | undefined, request: IncomingMessage, response: ServerResponse): void {
  if (auth !== undefined && !auth.allows(request)) {
    response.statusCode = 401;
    response.setHeader('www-authenticate', auth.challenge);
    response.setHeader('content-type', 'text/plain; charset=utf-8');
    response.end('Unauthorized: this endpoint needs the credentials set in the exporter\'s auth.\n');
    return;
  }
  const path = requestPath(request.url);
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

async function readTls(tls: PrometheusTlsConfig, host: string, port: number): Promise<{ cert: Buffer; key: Buffer }> {
  const read = async (file: string, what: string): Promise<Buffer> => {
    try {
      return await readFile(file);
    } catch (error) {
      const reason = `cannot serve Prometheus metrics on ${host}:${port}: cannot read the TLS ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Set tls.${what === 'certificate' ? 'cert' : 'key'} to a readable PEM file.`;
      throw new ListenError(`${host}:${port}`, reason, error as NodeJS.ErrnoException);
    }
  };
  const [cert, key] = await Promise.all([read(tls.cert, 'certificate'), read(tls.key, 'key')]);
  return { cert, key };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(new ListenError(`${host}:${port}`, listenErrorMessage(error, host, port), error));
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

/** The telemetry server could not listen; `reason` is one sentence with the address and the fix. */
export class ListenError extends Error {
  constructor(
    /** `host:port` as configured. */
    readonly address: string,
    readonly reason: string,
    cause: NodeJS.ErrnoException,
  ) {
    super(`mcp-otel: ${reason}`, { cause });
    this.name = 'ListenError';
  }
}

function listenErrorMessage(error: NodeJS.ErrnoException, host: string, port: number): string {
  const where = `${host}:${port}`;
  if (error.code === 'EADDRINUSE') {
    return (
      `cannot serve Prometheus metrics on ${where}: the port is already in use (another copy of this server?). ` +
      `Set the prometheus exporter's "port" (or OTEL_EXPORTER_PROMETHEUS_PORT) to a free port, or 0 to pick one, or push with OTLP.`
    );
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return `cannot serve Prometheus metrics on ${where}: no such local address. Set the prometheus exporter's "host" (or OTEL_EXPORTER_PROMETHEUS_HOST) to an address of this machine, e.g. 127.0.0.1.`;
  }
  if (error.code === 'EACCES') {
    return `cannot serve Prometheus metrics on ${where}: permission denied. Use a port above 1023.`;
  }
  return `cannot serve Prometheus metrics on ${where}: ${error.message}.`;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets of a scraper would hold close() open until they time out.
    server.closeAllConnections();
  });
}
