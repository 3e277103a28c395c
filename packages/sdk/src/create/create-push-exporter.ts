import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { ResolvedExporter } from '../config/resolved-config.js';
import { ConsoleExporter } from '../exporters/console/console-exporter.js';
import { createOtlpExporter } from '../exporters/otlp/create-otlp-exporter.js';
import { createFileExporter } from '../platform/node/file-create-exporter.js';
import { createStatsdExporter } from '../platform/node/statsd-create-exporter.js';

/** Every exporter type that pushes on the collection interval (all but Prometheus, which is pulled). */
export type ResolvedPushExporter = Exclude<ResolvedExporter, { type: 'prometheus' }>;

/** The OTel push exporter for one resolved exporter config. */
export function createPushExporter(config: ResolvedPushExporter): PushMetricExporter {
  switch (config.type) {
    case 'otlp':
      return createOtlpExporter(config);
    case 'console':
      return new ConsoleExporter(config);
    case 'statsd':
      return createStatsdExporter(config);
    case 'file':
      return createFileExporter(config);
  }
}
