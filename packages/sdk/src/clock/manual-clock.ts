import type { Cancel, Clock } from './clock.js';
import { runTask } from './clock.js';

interface Timer {
  readonly id: number;
  due: number;
  readonly intervalMs: number | undefined;
  readonly task: () => unknown;
}

/**
 * A clock that moves only when told: `advance(ms)` runs every task that falls due, in time order,
 * with `now()` set to each task's due time, and awaits each task it runs. For tests of health
 * checks, history and alert rules without real sleeps.
 *
 * @example
 * ```ts
 * const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
 * const handle = await startMetrics({ retention: { maxAge: '15m' } }, { clock });
 * await clock.advance(60_000); // four history ingestions, every alert evaluation due in that minute
 * ```
 */
export class ManualClock implements Clock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  /** @param start - the initial time in ms since the epoch. @default 0 */
  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(delayMs: number, task: () => unknown): Cancel {
    return this.schedule(delayMs, undefined, task);
  }

  every(intervalMs: number, task: () => unknown): Cancel {
    return this.schedule(intervalMs, Math.max(1, intervalMs), task);
  }

  /** Tasks scheduled and not cancelled (a periodic task counts once). */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running (and awaiting) each task as it falls due. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      const next = this.nextDue(target);
      if (next === undefined) break;
      this.time = Math.max(this.time, next.due);
      if (next.intervalMs === undefined) this.timers.delete(next.id);
      else next.due += next.intervalMs;
      await runTask(next.task);
    }
    this.time = Math.max(this.time, target);
  }

  /** Sets the time without running anything (e.g. a clock jump). */
  set(time: number): void {
    this.time = time;
  }

  private schedule(delayMs: number, intervalMs: number | undefined, task: () => unknown): Cancel {
    const id = this.nextId++;
    this.timers.set(id, { id, due: this.time + Math.max(0, delayMs), intervalMs, task });
    return () => void this.timers.delete(id);
  }

  /** The earliest timer due at or before `limit`; ties run in scheduling order. */
  private nextDue(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.due > limit) continue;
      if (best === undefined || timer.due < best.due || (timer.due === best.due && timer.id < best.id)) best = timer;
    }
    return best;
  }
}
