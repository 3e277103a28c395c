import { diag } from '@opentelemetry/api';

/** How many distinct warnings one `WarnOnce` remembers; past that it stays quiet rather than grow. */
export const WARN_ONCE_CAPACITY = 1000;

/**
 * Sends each distinct warning (by key) to `diag.warn` once. Bounded: after `capacity` keys it
 * stops warning altogether, so a flood of distinct bad inputs can neither spam nor leak memory.
 */
export class WarnOnce {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = WARN_ONCE_CAPACITY) {}

  /** Warns `message()` unless `key` was warned before; `message` is only built when needed. */
  warn(key: string, message: () => string): void {
    if (this.seen.has(key) || this.seen.size >= this.capacity) return;
    this.seen.add(key);
    diag.warn(message());
  }
}
