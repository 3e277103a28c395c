import { redactText } from '../redact/redact-text.js';

/** How an exporter has been doing, for the exporter health check. Times are ms since the epoch. */
export interface ExporterStatus {
  /** e.g. `otlp`, `prometheus`, `statsd-2`. */
  readonly name: string;
  /** `push`: exports on an interval; `pull`: scraped (Prometheus). */
  readonly kind: 'push' | 'pull';
  readonly since: number;
  lastSuccessAt: number | undefined;
  lastFailureAt: number | undefined;
  /** The last failure's message (never a URL or header: exporters report those redacted or not at all). */
  lastError: string | undefined;
  consecutiveFailures: number;
}

/**
 * The success and failure of the Prometheus exporters, as `trackScrapes` reports how each scrape
 * ended (push exporters report theirs through `ObservedExporter.status()`). Read by the exporter
 * health checks.
 */
export class ExporterStatusBoard {
  private readonly statuses: ExporterStatus[] = [];
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  /** A new entry; names are made unique (`otlp`, `otlp-2`, ...). */
  add(type: string, kind: 'push' | 'pull'): ExporterStatus {
    const same = this.statuses.filter((status) => status.name === type || status.name.startsWith(`${type}-`)).length;
    const status: ExporterStatus = {
      name: same === 0 ? type : `${type}-${same + 1}`,
      kind,
      since: this.now(),
      lastSuccessAt: undefined,
      lastFailureAt: undefined,
      lastError: undefined,
      consecutiveFailures: 0,
    };
    this.statuses.push(status);
    return status;
  }

  all(): readonly ExporterStatus[] {
    return this.statuses;
  }

  succeeded(status: ExporterStatus): void {
    status.lastSuccessAt = this.now();
    status.consecutiveFailures = 0;
  }

  failed(status: ExporterStatus, error: unknown): void {
    status.lastFailureAt = this.now();
    status.lastError = redactText(error instanceof Error ? error.message : typeof error === 'string' ? error : 'failed');
    status.consecutiveFailures++;
  }
}
