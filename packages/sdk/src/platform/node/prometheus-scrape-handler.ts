import { diag } from '@opentelemetry/api';
import type { CollectionResult } from '@opentelemetry/sdk-metrics';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptsGzip } from '../../exporters/prometheus/accepts-gzip.js';
import { DEFAULT_CHUNK_LINES, PrometheusTextSerializer } from '../../exporters/prometheus/prometheus-text-serializer.js';
import type { Reporter } from '../../report/reporter.js';
import { ScrapeFailure, ScrapeSnapshot } from './scrape-snapshot.js';
import { writeChunks } from './write-chunks.js';

/** The content type of the Prometheus text exposition format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Handles `GET`/`HEAD` of a metrics endpoint. */
export type MetricsRequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** What the handler needs of a `MetricReader`: `collect()`, looked up on every scrape. */
export interface CollectingReader {
  collect(options?: { timeoutMillis?: number }): Promise<CollectionResult>;
}

/** Defaults of {@link PrometheusScrapeHandlerOptions}, as documented there. */
export const SCRAPE_DEFAULTS = { maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000 } as const;

/** Options of {@link createPrometheusScrapeHandler}. */
export interface PrometheusScrapeHandlerOptions {
  /** @default a `PrometheusTextSerializer` with OTel's defaults (target_info and scope labels on) */
  serializer?: PrometheusTextSerializer;
  /** Samples written per chunk, between two turns of the event loop. @default DEFAULT_CHUNK_LINES (1000) */
  chunkLines?: number;
  /**
   * `gzip`: compress (fastest level, on libuv's thread pool) when the scraper accepts it, as
   * Prometheus always does: about 30 times fewer bytes for the same CPU time. `none`: never.
   * @default 'gzip'
   */
  compression?: 'gzip' | 'none';
  /** Scrapes served at once; one more gets `503` with `Retry-After: 1`. @default 16 */
  maxConcurrentScrapes?: number;
  /**
   * A scrape that comes within this long of the last collection gets that collection's exposition
   * instead of a new one. Scrapes that arrive while a collection is made always share it. @default 0
   */
  minScrapeIntervalMs?: number;
  /** Observable callbacks that have not answered by then are left out of the scrape. @default 10000 (Prometheus' scrape_timeout) */
  scrapeTimeoutMs?: number;
  /** Where a failed scrape is reported (once per handler). @default OTel's `diag` */
  logger?: Reporter | undefined;
  /** Clock of `minScrapeIntervalMs`. @default Date.now */
  now?: () => number;
}

/**
 * A `/metrics` handler that never stalls the host, however many scrapers call it at once. Scrapes
 * that arrive while a collection is being made share it: `reader.collect()` runs once (OTel's
 * aggregation, plus whatever wraps that method on the instance, such as collect-time transforms),
 * the exposition is serialized once, in chunks of `chunkLines` samples with a turn of the event loop
 * between chunks, and gzip-compressed once. Each response is written as fast as its scraper reads
 * (waiting for `'drain'`); when every scraper of a collection has gone, the work stops. Past
 * `maxConcurrentScrapes` it answers `503`; a failed collection answers 500. `HEAD` answers the
 * headers without collecting. It never throws; problems are reported once per handler.
 *
 * @example
 * ```ts
 * const reader = new PrometheusExporter({ preventServerStart: true });
 * const provider = new MeterProvider({ readers: [reader] });
 * http.createServer(createPrometheusScrapeHandler(reader)).listen(9464, '127.0.0.1');
 * ```
 */
export function createPrometheusScrapeHandler(reader: CollectingReader, options: PrometheusScrapeHandlerOptions = {}): MetricsRequestHandler {
  const serializer = options.serializer ?? new PrometheusTextSerializer();
  const chunkLines = options.chunkLines ?? DEFAULT_CHUNK_LINES;
  const compression = options.compression ?? 'gzip';
  const maxConcurrent = options.maxConcurrentScrapes ?? SCRAPE_DEFAULTS.maxConcurrentScrapes;
  const minIntervalMs = options.minScrapeIntervalMs ?? SCRAPE_DEFAULTS.minScrapeIntervalMs;
  const timeoutMillis = options.scrapeTimeoutMs ?? SCRAPE_DEFAULTS.scrapeTimeoutMs;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? diag;
  let warned = false;
  const warnOnce = (message: string, error: unknown): void => {
    if (warned) return;
    warned = true;
    logger.error(`${message}: ${errorText(error)}`);
  };

  let current: ScrapeSnapshot | undefined;
  const snapshot = (): ScrapeSnapshot => {
    const reusable =
      current !== undefined && !current.text.abandoned && (current.finishedAt === undefined || now() - current.finishedAt < minIntervalMs);
    if (!reusable) current = new ScrapeSnapshot(() => reader.collect({ timeoutMillis }), serializer, chunkLines, now);
    return current!;
  };

  async function scrape(response: ServerResponse, gzip: boolean): Promise<void> {
    const shared = snapshot();
    try {
      const outcome = await writeChunks(response, gzip ? shared.gzip().read() : shared.text.read());
      if (shared.errors.length > 0) warnOnce('some metrics could not be collected for a Prometheus scrape', shared.errors);
      if (outcome === 'done') response.end();
    } catch (error) {
      const failure = error instanceof ScrapeFailure ? error : new ScrapeFailure('serialize', error);
      if (failure.stage === 'collect') {
        warnOnce('collecting metrics for a Prometheus scrape failed', failure.error);
        if (!response.headersSent && !response.destroyed) {
          response.statusCode = 500;
          response.removeHeader('content-encoding');
          response.end(`# failed to collect metrics: ${failure.message}\n`);
        }
        return;
      }
      warnOnce('serializing metrics for a Prometheus scrape failed', failure.error);
      // Cut the body short, so the scraper sees a failed scrape, not partial data.
      response.destroy();
    }
  }

  let active = 0;
  return (request, response) => {
    if (request.method !== 'HEAD' && active >= maxConcurrent) {
      response.statusCode = 503;
      response.setHeader('retry-after', '1');
      response.setHeader('content-type', 'text/plain; charset=utf-8');
      response.end(`# too many concurrent scrapes (more than ${maxConcurrent}); retry later\n`);
      return;
    }
    const gzip = compression === 'gzip' && acceptsGzip(request.headers['accept-encoding']);
    response.statusCode = 200;
    response.setHeader('content-type', PROMETHEUS_CONTENT_TYPE);
    if (compression === 'gzip') response.setHeader('vary', 'accept-encoding');
    if (gzip) response.setHeader('content-encoding', 'gzip');
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    active++;
    response.once('close', () => active--);
    void scrape(response, gzip);
  };
}

/** One line for a report: messages only, never a stack. */
function errorText(error: unknown): string {
  const errors: unknown[] = Array.isArray(error) ? (error as unknown[]) : [error];
  return errors.map((each) => (typeof each === 'object' && each !== null && 'message' in each ? String(each.message) : String(each))).join('; ');
}
