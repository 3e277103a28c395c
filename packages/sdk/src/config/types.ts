/**
 * The user-facing configuration of `startMetrics`: plain data, every field optional.
 * Defaults are applied in one place (`normalize.ts`); the resolved shape is `ResolvedConfig`.
 */

/**
 * A duration: milliseconds as a number, or a string with a unit: `"500ms"`, `"15s"`, `"1m"`, `"1h"`.
 */
export type DurationInput = number | string;

/** Attribute values accepted on the Resource. */
export type ResourceAttributeValue = string | number | boolean;

/**
 * Prometheus pull exporter: serves the OpenMetrics/Prometheus text format from a small HTTP server
 * owned by the SDK (which also serves `/health` and `/ready`).
 */
export interface PrometheusExporterConfig {
  type: 'prometheus';
  /** Interface to bind. @default "127.0.0.1" (env `OTEL_EXPORTER_PROMETHEUS_HOST`) */
  host?: string;
  /** TCP port; `0` picks a free port (read it back from `handle.endpoints`). @default 9464 (env `OTEL_EXPORTER_PROMETHEUS_PORT`) */
  port?: number;
  /** Path of the metrics endpoint. @default "/metrics" */
  path?: string;
}

/** OTLP/HTTP push exporter (to an OpenTelemetry Collector or any OTLP receiver). */
export interface OtlpExporterConfig {
  type: 'otlp';
  /**
   * Full URL of the metrics endpoint.
   * @default "http://localhost:4318/v1/metrics" (env `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`, or
   * `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/metrics`)
   */
  endpoint?: string;
  /** Wire encoding. @default "http/protobuf" (env `OTEL_EXPORTER_OTLP_METRICS_PROTOCOL` / `OTEL_EXPORTER_OTLP_PROTOCOL`) */
  protocol?: 'http/protobuf' | 'http/json';
  /** Extra HTTP headers, e.g. an API key. @default {} (env `OTEL_EXPORTER_OTLP_METRICS_HEADERS` / `OTEL_EXPORTER_OTLP_HEADERS`) */
  headers?: Record<string, string>;
  /** Timeout of one export request. @default "10s" (env `OTEL_EXPORTER_OTLP_METRICS_TIMEOUT` / `OTEL_EXPORTER_OTLP_TIMEOUT`, ms) */
  timeout?: DurationInput;
  /** Body compression. @default "none" (env `OTEL_EXPORTER_OTLP_METRICS_COMPRESSION` / `OTEL_EXPORTER_OTLP_COMPRESSION`) */
  compression?: 'gzip' | 'none';
  /**
   * Aggregation temporality preference, as in the OTel spec.
   * @default "cumulative" (env `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE`)
   */
  temporality?: 'cumulative' | 'delta' | 'lowmemory';
}

/** Console exporter: writes each collection to **stderr** (stdout is the MCP stdio wire). */
export interface ConsoleExporterConfig {
  type: 'console';
  /** `table`: one line per data point for humans; `json`: one JSON document per collection. @default "table" */
  format?: 'table' | 'json';
}

/** One exporter; a discriminated union on `type`. */
export type ExporterConfig = PrometheusExporterConfig | OtlpExporterConfig | ConsoleExporterConfig;

/** The exporter `type` names. */
export type ExporterType = ExporterConfig['type'];

/**
 * Settings for one component, i.e. one instrumentation scope (meter). A key matches a meter whose
 * name equals it or ends with `/<key>`: `mcp` matches `@mcp-otel/instrumentation/mcp`.
 */
export interface ComponentConfig {
  /** `false` drops every instrument of this component (a View with the drop aggregation). @default true */
  enabled?: boolean;
  /** Histogram sampling rate for this component, 0..1; overrides the global `samplingRate`. @default the global rate */
  samplingRate?: number;
  /**
   * Explicit bucket boundaries for this component's histograms (strictly increasing, finite).
   * @default the instrument's advice; for the MCP duration histograms the semantic-convention
   * boundaries `[0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300]` seconds
   */
  histogramBuckets?: number[];
  /** Attribute keys to keep on this component's metrics; others are removed. @default all keys */
  attributes?: string[];
}

/** The configuration of `startMetrics`. Every field is optional. */
export interface MetricsConfig {
  /** `false` gives a no-op handle (as `OTEL_SDK_DISABLED=true`). @default true */
  enabled?: boolean;
  /** `service.name` resource attribute. @default env `OTEL_SERVICE_NAME`, else `"unknown_service:node"` */
  serviceName?: string;
  /** `service.version` resource attribute. @default none */
  serviceVersion?: string;
  /** Extra resource attributes. @default {} (merged with env `OTEL_RESOURCE_ATTRIBUTES`) */
  resourceAttributes?: Record<string, ResourceAttributeValue>;
  /** How often push exporters collect and export. @default "60s" (env `OTEL_METRIC_EXPORT_INTERVAL`, ms) */
  collectionInterval?: DurationInput;
  /**
   * Where metrics go. @default `[{ type: 'prometheus' }]` (env `OTEL_METRICS_EXPORTER`:
   * comma-separated `otlp`, `prometheus`, `console`, `none`)
   */
  exporters?: ExporterConfig[];
  /** Global histogram sampling rate, 0..1 (counters are never sampled). @default 1 */
  samplingRate?: number;
  /** Per-component settings, keyed by component (instrumentation scope). @default {} */
  components?: Record<string, ComponentConfig>;
  /** Maximum distinct attribute sets (series) per metric; further sets go to one overflow series. @default 2000 */
  cardinalityLimit?: number;
  /** Register the MeterProvider as the global one (`metrics.setGlobalMeterProvider`). @default true */
  registerGlobal?: boolean;
}
