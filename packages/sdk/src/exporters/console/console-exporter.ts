import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import { AggregationTemporality } from '@opentelemetry/sdk-metrics';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ResolvedConsoleExporter } from '../../config/resolved-config.js';
import { writeStderr } from '../../diag/write-stderr.js';
import { formatConsoleJson, formatConsoleTable } from './format-console.js';

/** Where console output goes; stderr by default, because stdout is the MCP stdio wire. */
export type ConsoleWrite = (text: string) => void;

/**
 * Writes each collection to stderr as a table or as one JSON line. Unlike OTel's
 * `ConsoleMetricExporter` (which uses `console.dir`, i.e. stdout), it is safe in stdio MCP servers.
 */
export class ConsoleExporter implements PushMetricExporter {
  private shutdownCalled = false;

  constructor(
    private readonly config: ResolvedConsoleExporter,
    private readonly write: ConsoleWrite = writeStderr,
  ) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    if (this.shutdownCalled) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('console exporter is shut down') });
      return;
    }
    try {
      const text = this.config.format === 'json' ? formatConsoleJson(metrics) : formatConsoleTable(metrics);
      this.write(text + '\n');
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  selectAggregationTemporality(): AggregationTemporality {
    return AggregationTemporality.CUMULATIVE;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.shutdownCalled = true;
    return Promise.resolve();
  }
}
