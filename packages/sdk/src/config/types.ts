import type { AlertsConfig } from './alerts-config.js';
import type { HealthConfig } from './health-config.js';
import type { RetentionConfig } from './retention-config.js';

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
 * Protection of the telemetry endpoint: a bearer token (`Authorization: Bearer <token>`) or HTTP
 * basic auth, compared in constant time. Its secrets are redacted wherever config is printed.
 */
export type PrometheusAuthConfig = { type: 'bearer'; token: string } | { type: 'basic'; username: string; password: string };

/** HTTPS for the telemetry endpoint: PEM files read once at startup. */
export interface PrometheusTlsConfig {
  /** Path of the certificate (chain), PEM. */
  cert: string;
  /** Path of the private key, PEM. */
  key: string;
}

/**
 * Prometheus pull exporter: serves the OpenMetrics/Prometheus text format from a small HTTP server
 * owned by the SDK.
 */
export interface PrometheusExporterConfig {
  type: 'prometheus';
  /**
   * Interface to bind. Anything but loopback exposes the endpoint to the network, so it needs `auth`
   * (or `allowUnauthenticated: true`). @default "127.0.0.1" (env `OTEL_EXPORTER_PROMETHEUS_HOST`)
   */
  host?: string;
  /** TCP port; `0` picks a free port (read it back from `handle.endpoints`). @default 9464 (env `OTEL_EXPORTER_PROMETHEUS_PORT`) */
  port?: number;
  /** Path of the metrics endpoint. @default "/metrics" */
  path?: string;
  /**
   * Scrapes served at once; one more is answered `503` with `Retry-After: 1`. Scrapes arriving
   * while a collection is made share it, so this bounds only the responses being written.
   * @default 16 (env `MCP_OTEL_PROMETHEUS_MAX_CONCURRENT_SCRAPES`)
   */
  maxConcurrentScrapes?: number;
  /**
   * A scrape within this long of the last collection is served that collection again, so a scrape
   * storm costs one collection per interval. @default 0 (env `MCP_OTEL_PROMETHEUS_MIN_SCRAPE_INTERVAL`, ms)
   */
  minScrapeInterval?: DurationInput;
  /** Observable callbacks that have not answered by then are left out of the scrape. @default "10s" (env `MCP_OTEL_PROMETHEUS_SCRAPE_TIMEOUT`, ms) */
  scrapeTimeout?: DurationInput;
  /**
   * Require credentials on every request. @default none (env `MCP_OTEL_PROMETHEUS_BEARER_TOKEN`,
   * or `MCP_OTEL_PROMETHEUS_USERNAME` and `MCP_OTEL_PROMETHEUS_PASSWORD`)
   */
  auth?: PrometheusAuthConfig;
  /** Serve HTTPS. @default none: plain HTTP (env `MCP_OTEL_PROMETHEUS_TLS_CERT` and `MCP_OTEL_PROMETHEUS_TLS_KEY`) */
  tls?: PrometheusTlsConfig;
  /**
   * `true` accepts a non-loopback `host` without `auth` (e.g. inside a private network whose only
   * client is Prometheus). @default false (env `MCP_OTEL_PROMETHEUS_ALLOW_UNAUTHENTICATED`)
   */
  allowUnauthenticated?: boolean;
  /**
   * Serve the metric names without unit suffixes, as mcp-otel 0.1 did (`mcp_server_operation_duration`
   * instead of `mcp_server_operation_duration_seconds`; `_total` on counters stays). By default names
   * carry the unit and type suffixes the OpenTelemetry specification asks for, which are also the
   * names Prometheus gives the same metrics received over OTLP. @default false (env `MCP_OTEL_PROMETHEUS_WITHOUT_UNITS`)
   */
  withoutUnits?: boolean;
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

/**
 * StatsD push exporter: sends each collection to a StatsD daemon (Etsy statsd, Datadog agent,
 * Telegraf...). Counters go as deltas (`|c`), up-down counters and gauges as absolute values
 * (`|g`), histograms as millisecond timers (`|ms`); see docs/exporters.md for the mapping.
 */
export interface StatsdExporterConfig {
  type: 'statsd';
  /** Daemon host name or IP; a name is looked up once, and again after a failure. @default "127.0.0.1" (env `MCP_OTEL_STATSD_HOST`) */
  host?: string;
  /** Daemon port. @default 8125 (env `MCP_OTEL_STATSD_PORT`) */
  port?: number;
  /** `udp`: datagrams; `tcp`: newline-framed stream with reconnect and a bounded queue. @default "udp" (env `MCP_OTEL_STATSD_PROTOCOL`) */
  protocol?: 'udp' | 'tcp';
  /** Prepended to every metric name, joined with a `.`: letters, digits, `_`, `-`, `.`. @default "" (env `MCP_OTEL_STATSD_PREFIX`) */
  prefix?: string;
  /**
   * How attributes travel: `dogstatsd` (`|#k:v`, Datadog, Telegraf, Etsy >= 0.9), `graphite`
   * (`name;k=v`), or `none` (attributes dropped, series merged). @default "dogstatsd" (env `MCP_OTEL_STATSD_TAGS`)
   */
  tags?: 'dogstatsd' | 'graphite' | 'none';
  /**
   * Largest datagram payload in bytes; lines are packed up to it and never split. The default
   * fits a 1500-byte MTU. @default 1432 (env `MCP_OTEL_STATSD_MAX_PACKET_BYTES`)
   */
  maxPacketBytes?: number;
}

/** Rotation of the `jsonl` file. */
export interface FileRotationConfig {
  /** Rotate before a write would take the file past this many bytes. @default 10485760 (10 MiB) (env `MCP_OTEL_FILE_MAX_BYTES`) */
  maxBytes?: number;
  /** Files kept, the one being written included (`path`, `path.1`, ...). @default 5 (env `MCP_OTEL_FILE_MAX_FILES`) */
  maxFiles?: number;
  /** Also rotate once the file has been written for this long. @default none: size only (env `MCP_OTEL_FILE_ROTATION_INTERVAL`, ms) */
  interval?: DurationInput;
}

/**
 * File push exporter: `jsonl` appends one OTLP/JSON `ExportMetricsServiceRequest` per collection
 * (replayable by OTLP tooling) with rotation; `prometheus` rewrites a text-exposition snapshot
 * atomically (e.g. for node_exporter's textfile collector).
 */
export interface FileExporterConfig {
  type: 'file';
  /**
   * The file to write, relative to the current directory or absolute. Its directory must exist.
   * @default "mcp-otel-metrics.jsonl", or "mcp-otel-metrics.prom" for `format: 'prometheus'` (env `MCP_OTEL_FILE_PATH`)
   */
  path?: string;
  /** @default "jsonl" (env `MCP_OTEL_FILE_FORMAT`) */
  format?: 'jsonl' | 'prometheus';
  /** Size (and time) rotation of the `jsonl` file; a `prometheus` snapshot never grows. @default `{ maxBytes: 10485760, maxFiles: 5 }` */
  rotation?: FileRotationConfig;
  /**
   * `prometheus` format only: metric names without unit suffixes, as the Prometheus exporter's
   * `withoutUnits`. @default false (env `MCP_OTEL_FILE_WITHOUT_UNITS`)
   */
  withoutUnits?: boolean;
}

/** One exporter; a discriminated union on `type`. */
export type ExporterConfig =
  | PrometheusExporterConfig
  | OtlpExporterConfig
  | ConsoleExporterConfig
  | StatsdExporterConfig
  | FileExporterConfig;

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
   * comma-separated `otlp`, `prometheus`, `console`, `statsd`, `file`, `none`)
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
  /**
   * Install SIGTERM and SIGINT handlers that call `shutdown()` (a final export of every push
   * exporter, a final file write) before the process exits. When the host has its own handlers for
   * the signal, they decide about exiting; otherwise the signal is raised again after shutdown so
   * the process ends as it would have. Removed by `shutdown()`. @default false
   */
  shutdownOnSignals?: boolean;
  /**
   * How long `shutdown()` (and the final export on a signal or when the process runs out of work)
   * may take in all. Exporters still busy at the deadline are abandoned, with a warning naming them.
   * @default "5s" (env `MCP_OTEL_SHUTDOWN_TIMEOUT`, ms)
   */
  shutdownTimeout?: DurationInput;
  /**
   * `false`: telemetry never stops the host. A bad value (in code, file or env) is ignored with one
   * warning on stderr (its default or a lower-precedence source applies), and a Prometheus port that
   * cannot be bound is skipped with a warning; both are listed in `handle.problems`. `true`:
   * `startMetrics` rejects instead (a `ConfigError` listing every problem, or the listen error), as
   * CI, tests and `mcp-otel check-config` want. @default false (env `MCP_OTEL_STRICT`)
   */
  strict?: boolean;
  /**
   * Emit the Node.js runtime metrics of the semantic conventions (`nodejs.eventloop.*`,
   * `v8js.gc.duration`, `v8js.memory.heap.*`, `process.cpu.*`, `process.memory.usage`, ...) under
   * the meter `@mcp-otel/sdk/runtime` (component key `runtime`). `false` does not start them at all.
   * @default true
   */
  runtime?: boolean;
  /** Health checks and the `/livez`, `/readyz`, `/health` endpoints (see docs/health-and-alerts.md). @default on, beside `/metrics` */
  health?: HealthConfig;
  /** The in-memory metric history (`handle.history`). @default off, unless `alerts` need it */
  retention?: RetentionConfig;
  /** Alert rules over the history, and their notifications. @default none */
  alerts?: AlertsConfig;
}
