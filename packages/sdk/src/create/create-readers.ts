import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import { needsHistoryReader } from '../config/observability-normalize.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { FastLane } from '../fast-lane/fast-lane.js';
import { createPrometheusReader } from '../exporters/prometheus/create-prometheus-reader.js';
import type { PrometheusReader } from '../exporters/prometheus/create-prometheus-reader.js';
import { HistoryReader } from '../history/history-reader.js';
import type { ObservedExporter } from '../report/observed-exporter.js';
import { SILENT_REPORTER } from '../report/reporter.js';
import type { Reporter } from '../report/reporter.js';
import { createPushExporter } from './create-push-exporter.js';
import type { ResolvedPushExporter } from './create-push-exporter.js';

/** A periodic reader with the exporter config it pushes to. */
export interface PushReader {
  reader: PeriodicExportingMetricReader;
  config: ResolvedPushExporter;
  /** The exporter, wrapped so its outcomes are reported and measured (`status()` for health checks). */
  exporter: ObservedExporter;
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

/**
 * One reader per configured exporter. Every reader records once and fans out at collection; with
 * `fastLane`, each reader also gets its fast-lane producer (the fast histograms, at the reader's
 * temporality).
 */
export function createReaders(config: ResolvedConfig, fastLane?: FastLane, reporter: Reporter = SILENT_REPORTER): Readers {
  const readers: Readers = { prometheus: [], push: [], all: [] };
  for (const exporter of config.exporters) {
    if (exporter.type === 'prometheus') {
      const prometheus = createPrometheusReader(exporter, config.cardinalityLimit, fastLane === undefined ? [] : [fastLane.createProducer()], reporter);
      readers.prometheus.push(prometheus);
      readers.all.push(prometheus.reader);
      continue;
    }
    const pushExporter = createPushExporter(exporter, reporter, config.collectionIntervalMs);
    const reader = new PeriodicExportingMetricReader({
      exporter: pushExporter,
      metricProducers: fastLane === undefined ? [] : [fastLane.createProducer(pushExporter)],
      exportIntervalMillis: config.collectionIntervalMs,
      // The observed exporter answers by its own deadline (the exporter's timeout, at most the
      // interval), so this one never fires and the reader never logs a timeout of its own.
      exportTimeoutMillis: config.collectionIntervalMs,
      cardinalityLimits: { default: config.cardinalityLimit },
    });
    readers.push.push({ reader, config: exporter, exporter: pushExporter });
    readers.all.push(reader);
  }
  if (needsHistoryReader(config)) {
    // An ordinary reader with its own fast-lane producer: the history holds what /metrics serves.
    readers.history = new HistoryReader({ cardinalityLimit: config.cardinalityLimit, metricProducers: fastLane === undefined ? [] : [fastLane.createProducer()] });
    readers.all.push(readers.history);
  }
  return readers;
}
