import type { OtlpSender, OtlpSendResult } from './otlp-sender.js';

/** OTel's OTLP retry policy (otlp-exporter-base's retrying transport), kept as is. */
const MAX_RETRIES = 5;
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 5000;
const BACKOFF_MULTIPLIER = 1.5;
const JITTER = 0.2;

/** What the retry loop waits with; tests pass their own. */
export interface RetryTiming {
  now(): number;
  wait(ms: number): Promise<void>;
  /** In [0, 1). */
  random(): number;
}

const SYSTEM_TIMING: RetryTiming = {
  now: () => Date.now(),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * Sends `body`, retrying what may be retried (up to 5 more attempts, exponential backoff from 1 s
 * to 5 s with ±20% jitter, or the receiver's `Retry-After`), all within `timeoutMs` from the first
 * attempt: a retry that could not start before that deadline is not made. The result of the last
 * attempt is returned; it never rejects.
 */
export async function sendWithRetries(sender: OtlpSender, body: Uint8Array, timeoutMs: number, timing: RetryTiming = SYSTEM_TIMING): Promise<OtlpSendResult> {
  const deadline = timing.now() + timeoutMs;
  let result = await sender.send(body, timeoutMs);
  let backoff = INITIAL_BACKOFF_MS;
  for (let retries = 0; result.status === 'retryable' && retries < MAX_RETRIES; retries++) {
    const jittered = Math.min(backoff * (1 + (timing.random() * 2 - 1) * JITTER), MAX_BACKOFF_MS);
    backoff *= BACKOFF_MULTIPLIER;
    const waitMs = result.retryInMs ?? jittered;
    const remainingMs = deadline - timing.now();
    if (waitMs > remainingMs) return result;
    await timing.wait(waitMs);
    result = await sender.send(body, Math.max(deadline - timing.now(), 1));
  }
  return result;
}
