import { diag } from '@opentelemetry/api';
import type { CollectionResult } from '@opentelemetry/sdk-metrics';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import type { Writable } from 'node:stream';
import { constants as zlibConstants, createGzip } from 'node:zlib';
import { acceptsGzip } from '../../exporters/prometheus/accepts-gzip.js';
import { DEFAULT_CHUNK_LINES, PrometheusTextSerializer } from '../../exporters/prometheus/prometheus-text-serializer.js';
import { writeChunks } from './write-chunks.js';

/** The content type of the Prometheus text exposition format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Handles `GET`/`HEAD` of a metrics endpoint. */
export type MetricsRequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** What the handler needs of a `MetricReader`: `collect()`, looked up on every scrape. */
export interface CollectingReader {
  collect(): Promise<CollectionResult>;
}

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
}

/**
 * A `/metrics` handler that never stalls the host: it collects through `reader.collect()` (OTel's
 * aggregation, plus whatever wraps that method on the instance, such as collect-time transforms),
 * then streams the exposition in chunks of `chunkLines` samples, yielding to the event loop between
 * chunks and waiting for `'drain'` when the scraper reads slowly. A scraper that disconnects stops
 * the work; a failed collection answers 500. `HEAD` answers the headers without collecting. It
 * never throws; problems go to `diag` once per handler.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createPrometheusScrapeHandler } from '@mcp-otel/sdk';
 * import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
 * import { MeterProvider } from '@opentelemetry/sdk-metrics';
 *
 * const reader = new PrometheusExporter({ preventServerStart: true });
 * const provider = new MeterProvider({ readers: [reader] });
 * createServer(createPrometheusScrapeHandler(reader)).listen(9464, '127.0.0.1');
 * ```
 */
export function createPrometheusScrapeHandler(reader: CollectingReader, options: PrometheusScrapeHandlerOptions = {}): MetricsRequestHandler {
  const serializer = options.serializer ?? new PrometheusTextSerializer();
  const chunkLines = options.chunkLines ?? DEFAULT_CHUNK_LINES;
  const compression = options.compression ?? 'gzip';
  let warned = false;
  const warnOnce = (message: string, error: unknown): void => {
    if (warned) return;
    warned = true;
    diag.error(message, error);
  };

  async function scrape(response: ServerResponse, gzip: boolean): Promise<void> {
    let result: CollectionResult;
    try {
      result = await reader.collect();
    } catch (error) {
      warnOnce('mcp-otel: collecting metrics for a Prometheus scrape failed', error);
      if (!response.headersSent && !response.destroyed) {
        response.statusCode = 500;
        response.removeHeader('content-encoding');
        response.end(`# failed to collect metrics: ${error instanceof Error ? error.message : String(error)}\n`);
      }
      return;
    }
    if (result.errors.length > 0) warnOnce('mcp-otel: some metrics could not be collected for a Prometheus scrape', result.errors);
    const body = gzip ? gzipInto(response) : response;
    try {
      const outcome = await writeChunks(body, serializer.chunks(result.resourceMetrics, chunkLines));
      if (outcome === 'done') body.end();
    } catch (error) {
      warnOnce('mcp-otel: serializing metrics for a Prometheus scrape failed', error);
      // Cut the body short, so the scraper sees a failed scrape, not partial data.
      response.destroy();
    }
  }

  return (request, response) => {
    const gzip = compression === 'gzip' && acceptsGzip(request.headers['accept-encoding']);
    response.statusCode = 200;
    response.setHeader('content-type', PROMETHEUS_CONTENT_TYPE);
    if (compression === 'gzip') response.setHeader('vary', 'accept-encoding');
    if (gzip) response.setHeader('content-encoding', 'gzip');
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    void scrape(response, gzip);
  };
}

/** A gzip stream piped into `response`; destroyed with it when the scraper goes away. */
function gzipInto(response: ServerResponse): Writable {
  const gzip = createGzip({ level: zlibConstants.Z_BEST_SPEED });
  // The only errors are a scraper gone away (the work stops) or a zlib failure (the body is cut).
  pipeline(gzip, response, () => undefined);
  return gzip;
}
