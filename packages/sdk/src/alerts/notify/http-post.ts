/** The one HTTP operation the alert channels need, injected so the platform picks the client. */

/** What came back from a POST. */
export interface HttpAnswer {
  status: number;
  /** The start of the body, for error messages. */
  body: string;
}

/** Options of one POST. */
export interface HttpPostOptions {
  headers: Record<string, string>;
  /** Abort (and reject) when no full answer came within this time. */
  timeoutMs: number;
}

/** POSTs `body`; rejects on network errors and timeouts, resolves with any HTTP status. */
export type HttpPost = (url: string, body: string, options: HttpPostOptions) => Promise<HttpAnswer>;

/** A failed delivery whose message is safe to log (no URL credentials, no headers). */
export class DeliveryError extends Error {
  /** Whether trying again may help (network error, timeout, 5xx, 429). */
  readonly retryable: boolean;

  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = 'DeliveryError';
    this.retryable = retryable;
  }
}

/** Turns an answer into success or a `DeliveryError`. */
export function checkAnswer(answer: HttpAnswer): void {
  if (answer.status >= 200 && answer.status < 300) return;
  const retryable = answer.status >= 500 || answer.status === 429;
  throw new DeliveryError(`HTTP ${answer.status}${answer.body === '' ? '' : `: ${answer.body.slice(0, 200)}`}`, retryable);
}
