import type { PrometheusAuthConfig, PrometheusTlsConfig } from './types.js';
import type { ResolvedAlerts } from '../alerts/resolved-alerts.js';
import type { ResolvedHealth } from './health-config.js';
import type { ResolvedRetention } from './retention-config.js';

/**
 * The configuration after merge, validation and normalization: every default applied, durations
 * in milliseconds. `create/*` functions take only this shape.
 */

/** A resolved Prometheus exporter. */
export interface ResolvedPrometheusExporter {
  type: 'prometheus';
  host: string;
  port: number;
  path: string;
  maxConcurrentScrapes: number;
  minScrapeIntervalMs: number;
  scrapeTimeoutMs: number;
  auth: PrometheusAuthConfig | undefined;
  tls: PrometheusTlsConfig | undefined;
  allowUnauthenticated: boolean;
  /** Metric names without unit suffixes (the names before 0.2). */
  withoutUnits: boolean;
}

/** A resolved OTLP exporter. */
export interface ResolvedOtlpExporter {
  type: 'otlp';
  endpoint: string;
  protocol: 'http/protobuf' | 'http/json';
  headers: Record<string, string>;
  timeoutMs: number;
  compression: 'gzip' | 'none';
  temporality: 'cumulative' | 'delta' | 'lowmemory';
}

/** A resolved console exporter. */
export interface ResolvedConsoleExporter {
  type: 'console';
  format: 'table' | 'json';
}

/** A resolved StatsD exporter. */
export interface ResolvedStatsdExporter {
  type: 'statsd';
  host: string;
  port: number;
  protocol: 'udp' | 'tcp';
  prefix: string;
  tags: 'dogstatsd' | 'graphite' | 'none';
  maxPacketBytes: number;
}

/** A resolved file exporter. */
export interface ResolvedFileExporter {
  type: 'file';
  path: string;
  format: 'jsonl' | 'prometheus';
  rotation: {
    maxBytes: number;
    maxFiles: number;
    /** `undefined`: rotate by size only. */
    intervalMs: number | undefined;
  };
  /** `prometheus` format: metric names without unit suffixes. */
  withoutUnits: boolean;
}

/** A resolved exporter. */
export type ResolvedExporter =
  | ResolvedPrometheusExporter
  | ResolvedOtlpExporter
  | ResolvedConsoleExporter
  | ResolvedStatsdExporter
  | ResolvedFileExporter;

/** A resolved component. `samplingRate` already falls back to the global rate. */
export interface ResolvedComponent {
  enabled: boolean;
  samplingRate: number;
  /** `undefined`: keep the instrument's own advice. */
  histogramBuckets: number[] | undefined;
  /** `undefined`: keep every attribute key. */
  attributes: string[] | undefined;
}

/** The whole resolved configuration. */
export interface ResolvedConfig {
  enabled: boolean;
  serviceName: string;
  serviceVersion: string | undefined;
  /** Never holds `service.name` / `service.version`: those are `serviceName` / `serviceVersion`. */
  resourceAttributes: Record<string, string | number | boolean>;
  collectionIntervalMs: number;
  exporters: ResolvedExporter[];
  samplingRate: number;
  components: Record<string, ResolvedComponent>;
  cardinalityLimit: number;
  registerGlobal: boolean;
  shutdownOnSignals: boolean;
  shutdownTimeoutMs: number;
  strict: boolean;
  /** Start the Node.js runtime metrics. */
  runtime: boolean;
  health: ResolvedHealth;
  /** The metric history: from `retention`, or sized for `alerts`; `undefined` when off. */
  retention: ResolvedRetention | undefined;
  /** `undefined` when no alerts are configured. */
  alerts: ResolvedAlerts | undefined;
}
