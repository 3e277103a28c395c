import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { createPrometheusReader } from '../exporters/prometheus/create-prometheus-reader.js';
import type { PrometheusReader } from '../exporters/prometheus/create-prometheus-reader.js';
import { createPushExporter } from './create-push-exporter.js';
import type { ResolvedPushExporter } from './create-push-exporter.js';

/** A periodic reader with the exporter config it pushes to. */
export interface PushReader {
  reader: PeriodicExportingMetricReader;
  config: ResolvedPushExporter;
}

/** The readers of one pipeline: pulled (served over HTTP) and pushed (periodic). */
export interface Readers {
  prometheus: PrometheusReader[];
  push: PushReader[];
  /** All of them, in config order, for the MeterProvider. */
  all: MetricReader[];
}

/** OTel's default export timeout; it may not exceed the interval. */
const MAX_EXPORT_TIMEOUT_MS = 30_000;

/** One reader per configured exporter. Every reader records once and fans out at collection. */
export function createReaders(config: ResolvedConfig): Readers {
  const readers: Readers = { prometheus: [], push: [], all: [] };
  for (const exporter of config.exporters) {
    if (exporter.type === 'prometheus') {
      const prometheus = createPrometheusReader(exporter, config.cardinalityLimit);
      readers.prometheus.push(prometheus);
      readers.all.push(prometheus.reader);
      continue;
    }
    const reader = new PeriodicExportingMetricReader({
      exporter: createPushExporter(exporter),
      exportIntervalMillis: config.collectionIntervalMs,
      exportTimeoutMillis: Math.min(config.collectionIntervalMs, MAX_EXPORT_TIMEOUT_MS),
      cardinalityLimits: { default: config.cardinalityLimit },
    });
    readers.push.push({ reader, config: exporter });
    readers.all.push(reader);
  }
  return readers;
}
