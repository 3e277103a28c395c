import path from 'node:path';
import { FileMetricExporter } from '../../exporters/file/file-exporter.js';
import type { Reporter } from '../../report/reporter.js';
import type { FileExporterOptions } from '../../exporters/file/file-options.js';
import { AtomicFileWriter } from './file-atomic-writer.js';
import { RotatingFileAppender } from './file-rotating-appender.js';

/** Seams for tests; production code passes none. */
export interface FileExporterDependencies {
  /** Clock of interval rotation. @default Date.now */
  now?: () => number;
  /** Where write failures are reported. @default OTel's `diag` */
  logger?: Reporter;
}

/**
 * The file push exporter for a resolved `{ type: 'file' }` config: `jsonl` appends one OTLP/JSON
 * line per collection with rotation, `prometheus` rewrites a text snapshot atomically. A relative
 * path is resolved against the current directory now. Use it
 * with a `PeriodicExportingMetricReader`; the last collection is written on `shutdown()`.
 *
 * @example
 * ```ts
 * import { createFileExporter } from '@mcp-otel/sdk';
 * import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
 *
 * const exporter = createFileExporter({
 *   path: '/var/log/mcp/metrics.jsonl', format: 'jsonl',
 *   rotation: { maxBytes: 10 * 1024 * 1024, maxFiles: 5, intervalMs: undefined },
 * });
 * const provider = new MeterProvider({
 *   readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 })],
 * });
 * ```
 */
export function createFileExporter(config: FileExporterOptions, dependencies: FileExporterDependencies = {}): FileMetricExporter {
  // Fixed now, so a later process.chdir() does not move the file, and messages name the real place.
  const file = path.resolve(config.path);
  const sink =
    config.format === 'prometheus' ? new AtomicFileWriter(file) : new RotatingFileAppender(file, config.rotation, dependencies.now);
  return new FileMetricExporter(file, config.format, sink, dependencies.logger, config.withoutUnits ?? false);
}
