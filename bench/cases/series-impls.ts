/**
 * Implementations that hold many series, shared by the `scrape` and `heap` groups: each creates
 * counters and histograms, writes series into them, and serves its Prometheus `/metrics` text.
 * Adding mcp-otel's own exposition (or a later exporter) is one entry in {@link SERIES_IMPLS}.
 */
import { Counter as PromCounter, Histogram as PromHistogram, Registry } from 'prom-client';
import { createMetricsFacade, createMetricsPipeline, resolveConfig } from '@mcp-otel/sdk';
import { BOUNDS_15, type Labels } from '../lib/attributes.js';
import type { MetricsHandler } from '../lib/http-scrape.js';
import { createOtelSetup } from '../lib/otel-provider.js';

/** Writes one data point of a series (creating the series on first use). */
export type CounterWrite = (labels: Labels) => void;
export type HistogramWrite = (labels: Labels, value: number) => void;

export interface SeriesStore {
  counter(name: string, labelNames: readonly string[]): CounterWrite;
  /** A histogram with the 15 boundaries of {@link BOUNDS_15}. */
  histogram(name: string, labelNames: readonly string[]): HistogramWrite;
  /** The `/metrics` handler serving everything written. */
  handler: MetricsHandler;
  close(): Promise<void>;
}

export interface SeriesImpl {
  /** Id used in figures, e.g. `scrape.otel.10k.ms`, `heap.prom.counter`. */
  impl: string;
  label: string;
  create(): SeriesStore;
}

export const SERIES_IMPLS: readonly SeriesImpl[] = [
  {
    impl: 'otel',
    label: 'OTel SDK + PrometheusExporter (getMetricsRequestHandler)',
    create: () => {
      const otel = createOtelSetup('one-reader', { cardinalityLimit: 1_000_000 });
      const meter = otel.provider.getMeter('bench');
      return {
        counter: (name) => {
          const counter = meter.createCounter(name);
          return (labels) => counter.add(1, labels);
        },
        histogram: (name) => {
          const histogram = meter.createHistogram(name, { advice: { explicitBucketBoundaries: [...BOUNDS_15] } });
          return (labels, value) => histogram.record(value, labels);
        },
        handler: (request, response) => otel.prometheus.getMetricsRequestHandler(request, response),
        close: otel.shutdown,
      };
    },
  },
  {
    impl: 'prom',
    label: 'prom-client (own Registry, registry.metrics())',
    create: () => {
      const registry = new Registry();
      return {
        counter: (name, labelNames) => {
          const counter = new PromCounter({ name, help: name, labelNames, registers: [registry] });
          return (labels) => counter.inc(labels);
        },
        histogram: (name, labelNames) => {
          const histogram = new PromHistogram({ name, help: name, labelNames, buckets: [...BOUNDS_15], registers: [registry] });
          return (labels, value) => histogram.observe(labels, value);
        },
        handler: (_request, response) => {
          registry.metrics().then(
            (text) => {
              response.setHeader('content-type', registry.contentType);
              response.end(text);
            },
            (error: unknown) => {
              response.statusCode = 500;
              response.end(String(error));
            },
          );
        },
        close: async () => registry.clear(),
      };
    },
  },
  {
    // mcp-otel through its facade, its /metrics served as startMetrics serves it: the pipeline's
    // Prometheus reader collects, our chunked serializer writes (createPrometheusScrapeHandler; the
    // bench's scraper sends no Accept-Encoding, so no gzip). A facade handle is the series itself:
    // the heap group measures 10 instruments x 1000 series and 1 x 20,000.
    impl: 'mcp-otel',
    label: 'mcp-otel facade on the startMetrics pipeline (our series) + its /metrics handler (chunked serializer)',
    create: () => {
      // The pipeline startMetrics builds, without its server: the handler is mounted by the group.
      const config = resolveConfig({ config: { exporters: [{ type: 'prometheus', port: 0 }], cardinalityLimit: 1_000_000, registerGlobal: false }, env: {} });
      const pipeline = createMetricsPipeline(config);
      const facade = createMetricsFacade(pipeline.meterProvider);
      const options = { buckets: [...BOUNDS_15] };
      return {
        counter: (name) => (labels) => facade.counter(name, labels).increment(),
        histogram: (name) => (labels, value) => facade.histogram(name, labels, options).record(value),
        handler: pipeline.readers.prometheus[0]!.handle,
        close: pipeline.shutdown,
      };
    },
  },
];
