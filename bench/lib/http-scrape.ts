/**
 * Serves a `/metrics` handler on a real HTTP server on 127.0.0.1 and scrapes it from the same
 * process, as Prometheus would from outside: time from request to the last body byte, bytes, and
 * the longest event-loop block seen meanwhile (`monitorEventLoopDelay` at 1 ms resolution: a
 * serializer that builds the whole text synchronously shows up as one long delay), and the
 * process CPU time, a cross-check that other processes on the machine do not inflate.
 *
 * The delay monitor is enabled a few ms before the request and read a few ms after the response:
 * its timer records a delay only from its second tick on, and only once the loop is free again.
 */
import { createServer, get, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export type MetricsHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface ScrapeSample {
  ms: number;
  /** Process CPU time (user + system, all threads) during the scrape, in ms. */
  cpuMs: number;
  bytes: number;
  /** Longest event-loop delay during the scrape, in ms. */
  maxBlockMs: number;
}

/** `count` scrapes sent at once: until the last body, and the longest block meanwhile. */
export interface ParallelScrapeSample {
  ms: number;
  maxBlockMs: number;
  /** Answers by status, e.g. `{ 200: 48, 503: 2 }`. */
  statuses: Record<number, number>;
}

export interface ScrapeServer {
  scrape(): Promise<ScrapeSample>;
  scrapeParallel(count: number): Promise<ParallelScrapeSample>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function serveMetrics(handler: MetricsHandler): Promise<ScrapeServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  function fetchStatus(): Promise<number> {
    return new Promise((resolve, reject) => {
      // agent: false: one connection each, as 50 separate scrapers would open.
      const request = get({ host: '127.0.0.1', port, path: '/metrics', agent: false, headers: { 'accept-encoding': 'gzip' } }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      });
      request.on('error', reject);
    });
  }

  function fetchBody(): Promise<number> {
    return new Promise((resolve, reject) => {
      const request = get({ host: '127.0.0.1', port, path: '/metrics' }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => (response.statusCode === 200 ? resolve(bytes) : reject(new Error(`/metrics answered ${response.statusCode}`))));
        response.on('error', reject);
      });
      request.on('error', reject);
    });
  }

  return {
    async scrape() {
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      await sleep(5);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const bytes = await fetchBody();
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      await sleep(5);
      delay.disable();
      return { ms, cpuMs: (cpu.user + cpu.system) / 1000, bytes, maxBlockMs: delay.max / 1e6 };
    },
    async scrapeParallel(count) {
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      await sleep(5);
      const t0 = performance.now();
      const codes = await Promise.all(Array.from({ length: count }, fetchStatus));
      const ms = performance.now() - t0;
      await sleep(5);
      delay.disable();
      const statuses: Record<number, number> = {};
      for (const code of codes) statuses[code] = (statuses[code] ?? 0) + 1;
      return { ms, maxBlockMs: delay.max / 1e6, statuses };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
