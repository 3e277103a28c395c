// The entry of @mcp-otel/sdk in browsers and Web Workers (export conditions `browser` and
// `worker`, built as ESM into dist/esm/): the portable entry (portable.ts) plus `startMetrics`,
// which ships over OTLP with fetch and flushes when the page goes away. Every export by name (no
// `export *`); nothing reachable from here imports Node (a test bundles it with esbuild
// --platform=browser and fails on any Node built-in or global).

// Start (Prometheus, StatsD, file, health, env and config files are a ConfigError here)
export { startBrowserMetrics as startMetrics } from './platform/browser/start-browser-metrics.js';
export type { MetricsHandle, MetricsEndpoints } from './metrics-handle.js';
export type { MetricsProblem } from './report/problems.js';

// Configuration (no config files, no process environment: pass `config` and `env`)
export { resolveConfig } from './config/resolve-config.js';
export type { ResolveConfigInput } from './config/resolve-config.js';
export { ConfigError, formatIssue, listIssues } from './config/config-error.js';
export type { ConfigIssue } from './config/config-error.js';
export { isSdkDisabled } from './config/is-sdk-disabled.js';
export { metricsConfigJsonSchema } from './config/metrics-config-json-schema.js';
export type { JsonSchema } from './config/metrics-config-json-schema.js';
export type {
  MetricsConfig,
  ExporterConfig,
  ExporterType,
  PrometheusExporterConfig,
  OtlpExporterConfig,
  ConsoleExporterConfig,
  StatsdExporterConfig,
  FileExporterConfig,
  FileRotationConfig,
  ComponentConfig,
  DurationInput,
  ResourceAttributeValue,
} from './config/types.js';
export type {
  ResolvedConfig,
  ResolvedExporter,
  ResolvedPrometheusExporter,
  ResolvedOtlpExporter,
  ResolvedConsoleExporter,
  ResolvedStatsdExporter,
  ResolvedFileExporter,
  ResolvedComponent,
} from './config/resolved-config.js';

// Redaction: the one rule every output of the SDK goes through (docs/configuration.md)
export { redactConfig } from './redact/redact-config.js';
export { redactText } from './redact/redact-text.js';
export { redactValue } from './redact/redact-value.js';
export { REDACTED } from './redact/secret-name.js';

// The pipeline (Prometheus endpoints are collected with `collect()`; serve them yourself)
export { createMetricsPipeline } from './create/create-pipeline.js';
export type { MetricsPipeline, PipelineOptions } from './create/create-pipeline.js';
export type { PrometheusEndpoint } from './create/create-readers.js';

// Facade
export { metrics, timedMethod } from './facade/metrics.js';
export { createMetricsFacade } from './facade/metrics-facade.js';
export type { MetricsFacade, MetricsFacadeOptions } from './facade/metrics-facade.js';
export type {
  FacadeAttributes,
  InstrumentOptions,
  HistogramOptions,
  HandleInfo,
  CounterHandle,
  UpDownCounterHandle,
  GaugeHandle,
  HistogramHandle,
  SummaryHandle,
  TimerHandle,
  TimedMethodDecorator,
} from './facade/handles.js';
export { summaryViews } from './plan/plan-views.js';
export type { SummaryViewOptions } from './plan/plan-views.js';
export { exponentialHistogramQuantile, quantileErrorBound } from './export/exponential-quantile.js';
export type { QuantileEstimator } from './export/exponential-quantile.js';

// Exporters usable on their own (with any OTel MeterProvider)
export { ConsoleExporter } from './exporters/console/console-exporter.js';
export type { ConsoleWrite } from './exporters/console/console-exporter.js';
