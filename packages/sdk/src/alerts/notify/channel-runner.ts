import { diag } from '@opentelemetry/api';
import type { Counter } from '@opentelemetry/api';
import type { NotificationChannel } from './notification-types.js';

/** Options of {@link ChannelRunner}. */
export interface ChannelRunnerOptions {
  /** Items waiting beyond this drop the oldest waiting one (counted as `dropped`). @default 100 */
  maxQueue?: number;
  /** Counts every outcome: attributes `mcp_otel.alerts.channel` and `mcp_otel.alerts.outcome` (`sent`, `failed`, `dropped`). */
  outcomes?: Counter;
}

/**
 * Runs one channel apart from everything else: `enqueue` returns at once, deliveries run one at a
 * time in order, and a queue bound keeps a channel that is down or hung from holding more than
 * `maxQueue` items. So a failing or hung channel never delays the evaluation or another channel.
 * Failures are counted and warned once per streak (the first failure after a success, and the
 * recovery), never once per notification.
 */
export class ChannelRunner<T> {
  readonly channel: NotificationChannel<T>;
  private readonly maxQueue: number;
  private readonly outcomes: Counter | undefined;
  private readonly queue: T[] = [];
  private running: Promise<void> | undefined;
  private failures = 0;

  constructor(channel: NotificationChannel<T>, options: ChannelRunnerOptions = {}) {
    this.channel = channel;
    this.maxQueue = Math.max(1, options.maxQueue ?? 100);
    this.outcomes = options.outcomes;
  }

  enqueue(item: T): void {
    if (this.queue.length >= this.maxQueue) {
      this.queue.shift();
      this.count('dropped');
    }
    this.queue.push(item);
    this.running ??= this.pump().finally(() => (this.running = undefined));
  }

  /** Resolves once everything queued now has been tried (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  /** Consecutive failed deliveries (0 after a success). */
  get failureStreak(): number {
    return this.failures;
  }

  private async pump(): Promise<void> {
    for (let item = this.queue.shift(); item !== undefined; item = this.queue.shift()) {
      try {
        await this.channel.deliver(item);
        this.count('sent');
        if (this.failures > 0) diag.warn(`mcp-otel: alert channel ${this.channel.name} delivers again after ${this.failures} failed notification(s)`);
        this.failures = 0;
      } catch (error) {
        this.count('failed');
        if (this.failures === 0) diag.warn(`mcp-otel: alert channel ${this.channel.name} failed to deliver a notification; further failures are counted, not logged`, errorText(error));
        this.failures++;
      }
    }
  }

  private count(outcome: 'sent' | 'failed' | 'dropped'): void {
    this.outcomes?.add(1, { 'mcp_otel.alerts.channel': this.channel.name, 'mcp_otel.alerts.outcome': outcome });
  }
}

/** An error's message only: a stack or a request object could carry a URL with credentials. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
