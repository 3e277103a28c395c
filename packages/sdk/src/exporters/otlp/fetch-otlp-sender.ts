import { asError, resultOfStatus } from './otlp-sender.js';
import type { OtlpSender } from './otlp-sender.js';

/** What browsers let keepalive requests carry together (64 KiB; OTel keeps 60 KiB and 9 requests). */
const MAX_KEEPALIVE_BYTES = 60 * 1024;
const MAX_KEEPALIVE_REQUESTS = 9;

/** Keepalive requests in flight in this realm: the browser's budget is shared by all of them. */
const keepalive = { bytes: 0, requests: 0 };

/** Options of {@link createFetchOtlpSender}. */
export interface FetchOtlpSenderOptions {
  url: string;
  /** Sent with every request (may hold credentials; never logged). */
  headers: Readonly<Record<string, string>>;
  contentType: string;
  /** `gzip`: bodies are compressed with the platform's `CompressionStream` where it has one. @default 'none' */
  compression?: 'gzip' | 'none';
  /**
   * `true` while a body must leave at once, uncompressed: a page going away may be gone before an
   * asynchronous compression finishes, and the keepalive request must have started by then.
   * @default never
   */
  sendAtOnce?: () => boolean;
}

/** `body` gzipped by the platform (`CompressionStream`: every current browser, Node 18+, Deno, Bun). */
async function gzipped(body: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([body as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function canGzip(): boolean {
  return typeof CompressionStream === 'function' && typeof Blob === 'function' && typeof Response === 'function';
}

/**
 * OTLP/HTTP requests with `fetch` (browsers, workers, any runtime with fetch). Requests are
 * `keepalive` while the browser's keepalive budget allows, so an export started as the page goes
 * away still arrives. The fetch is the one instrumentations wrapped, unwrapped (`__original`): a
 * traced export would make a span per export, and exporting spans would loop. `gzip` compresses
 * with `CompressionStream` (OTel's browser exporter cannot compress); where there is none, bodies go
 * uncompressed.
 */
export function createFetchOtlpSender(options: FetchOtlpSenderOptions): OtlpSender {
  return {
    async send(uncompressed, timeoutMs) {
      const gzip = options.compression === 'gzip' && canGzip() && options.sendAtOnce?.() !== true;
      let body: Uint8Array;
      try {
        body = gzip ? await gzipped(uncompressed) : uncompressed;
      } catch (error) {
        return { status: 'failure', error: asError(error) };
      }
      const wrapped = globalThis.fetch as typeof fetch & { __original?: typeof fetch };
      const fetchApi = typeof wrapped.__original === 'function' ? wrapped.__original : wrapped;
      const useKeepalive = keepalive.bytes + body.byteLength <= MAX_KEEPALIVE_BYTES && keepalive.requests < MAX_KEEPALIVE_REQUESTS;
      if (useKeepalive) {
        keepalive.bytes += body.byteLength;
        keepalive.requests++;
      }
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        const url = new URL(options.url, (globalThis as { location?: { href: string } }).location?.href);
        const origin = (globalThis as { location?: { origin: string } }).location?.origin;
        const response = await fetchApi(url.href, {
          method: 'POST',
          headers: { ...options.headers, 'Content-Type': options.contentType, ...(gzip && { 'Content-Encoding': 'gzip' }) },
          body: body as Uint8Array<ArrayBuffer>,
          signal: abort.signal,
          keepalive: useKeepalive,
          mode: origin === undefined ? 'no-cors' : origin === url.origin ? 'same-origin' : 'cors',
        });
        const answer = response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
        return resultOfStatus(response.status, response.statusText, answer, response.headers.get('Retry-After'));
      } catch (error) {
        if (abort.signal.aborted) return { status: 'retryable', error: new Error('Request timed out') };
        // fetch rejects with a TypeError for network failures (refused, reset, CORS): worth a retry.
        // By name: the error may come from another realm (a worker's, or Node's undici under a VM).
        const failure = asError(error);
        return failure.name === 'TypeError' ? { status: 'retryable', error: failure } : { status: 'failure', error: failure };
      } finally {
        clearTimeout(timer);
        if (useKeepalive) {
          keepalive.bytes -= body.byteLength;
          keepalive.requests--;
        }
      }
    },
  };
}
