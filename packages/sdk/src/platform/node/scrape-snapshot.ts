import type { CollectionResult } from '@opentelemetry/sdk-metrics';
import { once } from 'node:events';
import { constants as zlibConstants, createGzip } from 'node:zlib';
import type { PrometheusTextSerializer } from '../../exporters/prometheus/prometheus-text-serializer.js';
import { SharedChunks } from './shared-chunks.js';

/** Why a snapshot has no exposition: the collection failed (answer 500) or serializing it did (cut the body). */
export class ScrapeFailure extends Error {
  constructor(
    readonly stage: 'collect' | 'serialize',
    readonly error: unknown,
  ) {
    super(typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error));
    this.name = 'ScrapeFailure';
  }
}

/**
 * One collection and its exposition, shared by every scrape that joins while it is made. The text
 * is serialized in chunks, one per turn of the event loop, as fast as the fastest reader asks; the
 * gzip body (made on first request, on libuv's thread pool) is compressed once for all.
 */
export class ScrapeSnapshot {
  readonly text = new SharedChunks<string>();
  /** OTel's collection errors (e.g. an observable callback that threw); the exposition has the rest. */
  errors: unknown[] = [];
  finishedAt: number | undefined;
  private gzipped: SharedChunks<Buffer> | undefined;

  constructor(
    collect: () => Promise<CollectionResult>,
    serializer: PrometheusTextSerializer,
    chunkLines: number,
    now: () => number,
  ) {
    void this.produce(collect, serializer, chunkLines).finally(() => (this.finishedAt = now()));
  }

  /** The gzip-compressed exposition. */
  gzip(): SharedChunks<Buffer> {
    if (this.gzipped !== undefined) return this.gzipped;
    const out = (this.gzipped = new SharedChunks<Buffer>());
    const gzip = createGzip({ level: zlibConstants.Z_BEST_SPEED });
    gzip.on('data', (chunk: Buffer) => out.push(chunk));
    gzip.once('end', () => out.end());
    gzip.once('error', (error) => out.fail(new ScrapeFailure('serialize', error)));
    void (async () => {
      try {
        for await (const chunk of this.text.read()) {
          if (out.abandoned) break;
          if (!gzip.write(chunk)) await once(gzip, 'drain');
        }
        if (out.abandoned) gzip.destroy();
        else gzip.end();
      } catch (error) {
        out.fail(error);
        gzip.destroy();
      }
    })();
    return out;
  }

  private async produce(collect: () => Promise<CollectionResult>, serializer: PrometheusTextSerializer, chunkLines: number): Promise<void> {
    let result: CollectionResult;
    try {
      result = await collect();
    } catch (error) {
      this.text.fail(new ScrapeFailure('collect', error));
      return;
    }
    this.errors = result.errors;
    const chunks = serializer.chunks(result.resourceMetrics, chunkLines);
    try {
      while (await this.text.demand()) {
        const next = chunks.next();
        if (next.done === true) {
          this.text.end();
          return;
        }
        this.text.push(next.value);
        // One chunk per turn: timers and I/O of the host run in between.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.text.fail(new ScrapeFailure('serialize', error));
    } finally {
      chunks.return?.();
    }
  }
}
