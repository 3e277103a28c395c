import type { Meter } from '@opentelemetry/api';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { FileMetricExporter } from '../../../src/exporters/file/file-exporter.js';
import type { FileExporterOptions } from '../../../src/exporters/file/file-options.js';
import { FILE_DEFAULTS } from '../../../src/config/exporters/file.js';
import { createFileExporter } from '../../../src/platform/node/file-create-exporter.js';
import type { FileExporterDependencies } from '../../../src/platform/node/file-create-exporter.js';

/** A real MeterProvider whose file exporter runs on a periodic reader driven by `flush()`. */
export interface FilePipeline {
  meter: Meter;
  exporter: FileMetricExporter;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export function filePipeline(
  options: Partial<FileExporterOptions> & { path: string },
  dependencies?: FileExporterDependencies,
): FilePipeline {
  const exporter = createFileExporter(
    { format: FILE_DEFAULTS.format, rotation: { ...FILE_DEFAULTS.rotation, intervalMs: undefined }, ...options },
    dependencies,
  );
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'file-test' }),
    readers: [reader],
  });
  return {
    meter: provider.getMeter('@mcp-otel/sdk/test', '1.0.0'),
    exporter,
    flush: () => reader.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
