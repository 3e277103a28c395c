import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { needsHistoryReader } from '../config/observability-normalize.js';
import type { FastLane } from '../fast-lane/fast-lane.js';
import type { ExporterStatusBoard } from '../health/exporter-status.js';
import { trackPushExporter } from '../health/exporter-status.js';
import { HistoryReader } from '../history/history-reader.js';
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
  /** The reader of the metric history (and the transport health check), when one is needed. */
  history?: HistoryReader;
  /** All of them, in config order, for the MeterProvider. */
  all: MetricReader[];
}

/** OTel's default export timeout; it may not exceed the interval. */
const MAX_EXPORT_TIMEOUT_MS = 30_000;

/**
 * One reader per configured exporter. Every reader records once and fans out at collection; with
 * `fastLane`, each reader also gets its fast-lane producer (the fast histograms, at the reader's
 * temporality).
 */
export function createReaders(config: ResolvedConfig, fastLane?: FastLane, exporterStatus?: ExporterStatusBoard): Readers {
  const readers: Readers = { prometheus: [], push: [], all: [] };
  for (const exporter of config.exporters) {
    if (exporter.type === 'prometheus') {
      const prometheus = createPrometheusReader(exporter, config.cardinalityLimit, fastLane === undefined ? [] : [fastLane.createProducer()]);
      readers.prometheus.push(prometheus);
      readers.all.push(prometheus.reader);
      continue;
    }
    const created = createPushExporter(exporter);
    // Each export's result feeds the exporter health check.
    const pushExporter = exporterStatus === undefined ? created : trackPushExporter(created, exporterStatus, exporterStatus.add(exporter.type, 'push'));
    const reader = new PeriodicExportingMetricReader({
      exporter: pushExporter,
      metricProducers: fastLane === undefined ? [] : [fastLane.createProducer(pushExporter)],
      exportIntervalMillis: config.collectionIntervalMs,
      exportTimeoutMillis: Math.min(config.collectionIntervalMs, MAX_EXPORT_TIMEOUT_MS),
      cardinalityLimits: { default: config.cardinalityLimit },
    });
    readers.push.push({ reader, config: exporter });
    readers.all.push(reader);
  }
  if (needsHistoryReader(config)) {
    // An ordinary reader with its own fast-lane producer: the history holds what /metrics serves.
    readers.history = new HistoryReader({ cardinalityLimit: config.cardinalityLimit, metricProducers: fastLane === undefined ? [] : [fastLane.createProducer()] });
    readers.all.push(readers.history);
  }
  return readers;
}
