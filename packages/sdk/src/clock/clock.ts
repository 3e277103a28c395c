import { diag } from '@opentelemetry/api';

/**
 * Time as health, history and alerts see it: one injected clock, so tests drive them without
 * sleeping. The system clock reads `Date.now()` and schedules with unref-ed timers (a timer of the
 * SDK never keeps the host alive).
 */

/** Cancels a scheduled task. Idempotent. */
export type Cancel = () => void;

/**
 * The clock and scheduler of health checks, history ingestion and alert evaluation.
 *
 * @example
 * ```ts
 * import { ManualClock, startMetrics } from '@mcp-otel/sdk';
 * import type { Clock } from '@mcp-otel/sdk';
 *
 * const clock: Clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z')); // or your own { now, after, every }
 * const stop = clock.every(15_000, () => console.error('tick at', new Date(clock.now()).toISOString()));
 * await startMetrics({ retention: { maxAge: '15m' } }, { clock }); // health, history and alerts run on it
 * stop();
 * ```
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `task` once after `delayMs`. A returned promise is awaited by manual clocks, never by the system clock. */
  after(delayMs: number, task: () => unknown): Cancel;
  /** Runs `task` every `intervalMs`, first after one interval. */
  every(intervalMs: number, task: () => unknown): Cancel;
}

/**
 * `Date.now()` and unref-ed `setTimeout` / `setInterval`: the default clock of `startMetrics`.
 *
 * @example
 * ```ts
 * const stop = systemClock.every(60_000, () => handle.alerts.evaluate());
 * ```
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  after(delayMs, task) {
    const timer = setTimeout(() => void runTask(task), delayMs);
    unref(timer);
    return () => clearTimeout(timer);
  },
  every(intervalMs, task) {
    const timer = setInterval(() => void runTask(task), intervalMs);
    unref(timer);
    return () => clearInterval(timer);
  },
};

/**
 * Runs a scheduled task so that nothing escapes into the host: a throw or a rejection is reported
 * through `diag` (the SDK's tasks catch their own errors; this is the last line).
 */
export function runTask(task: () => unknown): Promise<void> {
  try {
    return Promise.resolve(task()).then(
      () => undefined,
      (error: unknown) => diag.error('mcp-otel: a scheduled task failed', error),
    );
  } catch (error) {
    diag.error('mcp-otel: a scheduled task failed', error);
    return Promise.resolve();
  }
}

/** Node timers have `unref()`; browser timer ids are numbers. */
function unref(timer: unknown): void {
  if (typeof timer === 'object' && timer !== null && 'unref' in timer && typeof timer.unref === 'function') (timer as { unref(): void }).unref();
}
