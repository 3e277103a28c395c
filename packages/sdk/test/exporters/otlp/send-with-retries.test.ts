import type { OtlpSender, OtlpSendResult } from '../../../src/exporters/otlp/otlp-sender.js';
import { sendWithRetries } from '../../../src/exporters/otlp/send-with-retries.js';
import type { RetryTiming } from '../../../src/exporters/otlp/send-with-retries.js';

/** A clock that moves only when the retry loop waits, and a sender answering from a script. */
function scripted(results: OtlpSendResult[]): { sender: OtlpSender; timing: RetryTiming; waits: number[]; timeouts: number[] } {
  let now = 0;
  const waits: number[] = [];
  const timeouts: number[] = [];
  const sender: OtlpSender = {
    send: (_body, timeoutMs) => {
      timeouts.push(timeoutMs);
      return Promise.resolve(results.shift() ?? { status: 'success' });
    },
  };
  const timing: RetryTiming = {
    now: () => now,
    wait: (ms) => {
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    },
    random: () => 0.5, // no jitter
  };
  return { sender, timing, waits, timeouts };
}

const BODY = new Uint8Array([1, 2, 3]);
const RETRY = { status: 'retryable' } as const;

describe('sendWithRetries', () => {
  it('retries a retryable answer with OTel\'s backoff (1 s, x1.5, at most 5 s) until it succeeds', async () => {
    const { sender, timing, waits } = scripted([RETRY, RETRY, RETRY, RETRY, { status: 'success' }]);
    await expect(sendWithRetries(sender, BODY, 60_000, timing)).resolves.toEqual({ status: 'success' });
    expect(waits).toEqual([1000, 1500, 2250, 3375]);
  });

  it('makes at most 5 retries, then returns the last answer', async () => {
    const { sender, timing, waits } = scripted([RETRY, RETRY, RETRY, RETRY, RETRY, RETRY, { status: 'success' }]);
    await expect(sendWithRetries(sender, BODY, 600_000, timing)).resolves.toEqual(RETRY);
    expect(waits).toEqual([1000, 1500, 2250, 3375, 5000]);
  });

  it('waits what Retry-After asks, and gives up when that is past the deadline', async () => {
    const { sender, timing, waits } = scripted([{ status: 'retryable', retryInMs: 2000 }, { status: 'retryable', retryInMs: 30_000 }]);
    await expect(sendWithRetries(sender, BODY, 10_000, timing)).resolves.toEqual({ status: 'retryable', retryInMs: 30_000 });
    expect(waits).toEqual([2000]);
  });

  it('gives later attempts only what is left of the deadline', async () => {
    const { sender, timing, timeouts } = scripted([RETRY, RETRY, { status: 'success' }]);
    await sendWithRetries(sender, BODY, 10_000, timing);
    expect(timeouts).toEqual([10_000, 9000, 7500]);
  });

  it('does not retry a failure', async () => {
    const failure = { status: 'failure', error: new Error('HTTP 400') } as const;
    const { sender, timing, waits } = scripted([failure]);
    await expect(sendWithRetries(sender, BODY, 10_000, timing)).resolves.toBe(failure);
    expect(waits).toEqual([]);
  });

  it('jitters the backoff by at most ±20%', async () => {
    for (const random of [0, 0.999]) {
      const run = scripted([RETRY, { status: 'success' }]);
      await sendWithRetries(run.sender, BODY, 10_000, { ...run.timing, random: () => random });
      expect(run.waits[0]).toBeGreaterThanOrEqual(800);
      expect(run.waits[0]).toBeLessThanOrEqual(1200);
      expect(Math.abs(run.waits[0]! - 1000)).toBeGreaterThan(190);
    }
  });
});
