import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import { AggregationTemporality } from '@opentelemetry/sdk-metrics';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { Reporter } from '../../report/reporter.js';
import { FileFailureLog } from './file-failure-log.js';
import type { FileFormat } from './file-options.js';
import type { FileExporterStats, FileSink } from './file-sink.js';
import { formatFileContent } from './format-file.js';

/** Writes in progress plus waiting; a collection beyond this is dropped (bounded memory). */
const MAX_PENDING_WRITES = 2;

/**
 * An OTel push exporter that writes each collection to a file, for a
 * `PeriodicExportingMetricReader`: appended as an OTLP/JSON line (`jsonl`, rotated by the sink),
 * or as a Prometheus text snapshot replacing the file atomically (`prometheus`). Cumulative
 * temporality, as Prometheus and OTLP replay tools expect.
 *
 * A failed write (missing directory, permissions, full disk) never fails the export: the
 * collection is dropped, counted in `stats()`, and the failure reported once through `diag`
 * with the path and the fix (or the logger given). The next collection tries again. `shutdown()` waits for the writes.
 */
export class FileMetricExporter implements PushMetricExporter {
  private readonly counts: FileExporterStats = { writtenExports: 0, droppedExports: 0 };
  private readonly log: FileFailureLog;
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private shutdownCalled = false;

  constructor(
    path: string,
    private readonly format: FileFormat,
    private readonly sink: FileSink,
    logger?: Reporter,
    private readonly withoutUnits = false,
  ) {
    this.log = new FileFailureLog(path, logger);
  }

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    if (this.shutdownCalled) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('file exporter is shut down') });
      return;
    }
    let text: string;
    try {
      text = formatFileContent(metrics, this.format, this.withoutUnits);
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
      return;
    }
    if (this.pending >= MAX_PENDING_WRITES) {
      this.counts.droppedExports++;
      this.log.busy();
      resultCallback({ code: ExportResultCode.SUCCESS });
      return;
    }
    this.pending++;
    const written = this.tail.then(() => this.write(text));
    this.tail = written; // never rejects: write() reports its own failures
    void written.then(() => resultCallback({ code: ExportResultCode.SUCCESS }));
  }

  selectAggregationTemporality(): AggregationTemporality {
    return AggregationTemporality.CUMULATIVE;
  }

  /** Resolves when every collection handed to `export` is written (or dropped). */
  forceFlush(): Promise<void> {
    return this.tail;
  }

  async shutdown(): Promise<void> {
    if (this.shutdownCalled) return;
    this.shutdownCalled = true;
    await this.tail;
    await this.sink.close().catch((error: unknown) => this.log.failed(error));
  }

  private async write(text: string): Promise<void> {
    try {
      await this.sink.write(text);
      this.counts.writtenExports++;
      this.log.succeeded();
    } catch (error) {
      this.counts.droppedExports++;
      this.log.failed(error);
    } finally {
      this.pending--;
    }
  }

  /** Collections written and dropped so far. */
  stats(): FileExporterStats {
    return { ...this.counts };
  }
}
