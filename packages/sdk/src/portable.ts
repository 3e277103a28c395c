// The entry of @mcp-otel/sdk for hosts without Node (browsers, workers, WASM hosts): everything
// that runs on any JavaScript platform, every export by name (no `export *`). Nothing reachable
// from here imports a Node built-in or `platform/node/` (eslint.config.mjs enforces it; a test
// bundles this file with esbuild --platform=browser). `index.ts` is the Node entry.

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
