/**
 * What one attempt to send an OTLP request ended with. `retryable` is what the OTLP/HTTP
 * specification lets a client try again (429, 502, 503, 504, a network error, a timeout), with the
 * receiver's `Retry-After` when it sent one.
 */
export type OtlpSendResult =
  | { readonly status: 'success'; readonly body?: Uint8Array }
  | { readonly status: 'retryable'; readonly error?: Error; readonly retryInMs?: number }
  | { readonly status: 'failure'; readonly error: Error };

/** Sends one encoded OTLP request over the platform's HTTP (Node `http`/`https`, or `fetch`). */
export interface OtlpSender {
  /** One attempt; never rejects (every failure is a result). */
  send(body: Uint8Array, timeoutMs: number): Promise<OtlpSendResult>;
}

/** An HTTP answer that is not 2xx, as the failure reports read it: `code` is the status. */
export class OtlpHttpError extends Error {
  override readonly name = 'OtlpHttpError';

  constructor(
    message: string,
    /** The HTTP status. */
    readonly code: number,
  ) {
    super(message);
  }
}

/** The statuses OTLP/HTTP says to retry: https://opentelemetry.io/docs/specs/otlp/#retryable-response-codes */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/**
 * The wait a `Retry-After` header asks for, in milliseconds (seconds or an HTTP date), or
 * `undefined` when there is none or it cannot be read. The same reading as OTel's exporter.
 */
export function parseRetryAfterMs(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header.trim());
  if (Number.isInteger(seconds)) return Math.max(seconds, 0) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(date - now, 0);
}

/** The result of an HTTP status (and the answer's body), shared by both platforms' senders. */
export function resultOfStatus(status: number, statusText: string, body: Uint8Array | undefined, retryAfter: string | null | undefined): OtlpSendResult {
  if (status >= 200 && status <= 299) return body === undefined ? { status: 'success' } : { status: 'success', body };
  if (!isRetryableStatus(status)) return { status: 'failure', error: new OtlpHttpError(statusText === '' ? `the receiver answered HTTP ${status}` : statusText, status) };
  // No error: when every retry gets a retryable status, the exporter reports them together.
  const retryInMs = parseRetryAfterMs(retryAfter);
  return retryInMs === undefined ? { status: 'retryable' } : { status: 'retryable', retryInMs };
}

/** `value` as an `Error`: one from another realm (a worker, a VM) is kept as it is, not wrapped. */
export function asError(value: unknown): Error {
  const shaped = typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
  return shaped ? (value as Error) : new Error(String(value));
}
