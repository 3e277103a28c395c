import { diag } from '@opentelemetry/api';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { Cancel, Clock } from '../clock/clock.js';
import type { HistoryStore } from './history-store.js';

/** Options of {@link HistoryRecorder}. */
export interface HistoryRecorderOptions {
  reader: Pick<MetricReader, 'collect'>;
  store: HistoryStore;
  clock: Clock;
  /** Time between two collections, ms. */
  resolutionMs: number;
}

/**
 * Collects the history reader every `resolution` and stores the result. A collection still
 * running when the next is due is not doubled (the next waits for its turn); a failed collection
 * is reported once through `diag` and the history simply has a gap, as a failed scrape leaves.
 */
export class HistoryRecorder {
  private readonly options: HistoryRecorderOptions;
  private cancel: Cancel | undefined;
  private running: Promise<void> | undefined;
  private warned = false;

  constructor(options: HistoryRecorderOptions) {
    this.options = options;
  }

  start(): void {
    this.cancel ??= this.options.clock.every(this.options.resolutionMs, () => this.collect());
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  /** Collects and stores now (or waits for the collection already running). Never rejects. */
  collect(): Promise<void> {
    this.running ??= this.collectOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async collectOnce(): Promise<void> {
    const { reader, store, clock } = this.options;
    const time = clock.now();
    try {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) this.warnOnce('mcp-otel: some metrics could not be collected for the history', errors);
      store.ingest(resourceMetrics, time);
    } catch (error) {
      this.warnOnce('mcp-otel: collecting metrics for the history failed', error);
    }
  }

  private warnOnce(message: string, error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    diag.warn(message, error);
  }
}
