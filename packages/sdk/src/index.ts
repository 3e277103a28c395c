// The Node entry of @mcp-otel/sdk (package `main`): every export by name (no `export *`). It is
// the portable entry (portable.ts) with Node's config loading, pipeline and exporters wired in,
// plus `startMetrics`. Only this file and start.ts, outside platform/node/, may import it.

// Start
export { startMetrics } from './start.js';
export type { ConfigSources } from './start.js';
export type { MetricsHandle, MetricsEndpoints } from './metrics-handle.js';
export type { MetricsProblem } from './report/problems.js';

// Configuration (`process.env` and config files by default)
export { resolveConfig } from './platform/node/node-config.js';
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

// The pipeline without servers or globals (mount each Prometheus `handle` in your own HTTP server)
export { createMetricsPipeline } from './platform/node/node-pipeline.js';
export type { PrometheusHttpEndpoint } from './platform/node/node-pipeline.js';
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
export { createStatsdExporter } from './platform/node/statsd-create-exporter.js';
export type { StatsdMetricExporter } from './exporters/statsd/statsd-exporter.js';
export type { StatsdExporterStats } from './exporters/statsd/statsd-transport.js';
export { createFileExporter } from './platform/node/file-create-exporter.js';
export type { FileMetricExporter } from './exporters/file/file-exporter.js';
export type { FileExporterStats } from './exporters/file/file-sink.js';
export { createPrometheusScrapeHandler } from './platform/node/prometheus-scrape-handler.js';
export type { PrometheusScrapeHandlerOptions, MetricsRequestHandler } from './platform/node/prometheus-scrape-handler.js';

// Redaction: the one rule every output of the SDK goes through (docs/configuration.md)
export { redactConfig } from './redact/redact-config.js';
export { redactText } from './redact/redact-text.js';
export { redactValue } from './redact/redact-value.js';
export { REDACTED } from './redact/secret-name.js';

// Node.js runtime metrics (semantic-convention names; on by default in startMetrics, `runtime: false` to turn off)
export { startRuntimeMetrics, RUNTIME_METER_NAME } from './platform/node/runtime/start-runtime-metrics.js';
export type { RuntimeMetrics, RuntimeMetricsOptions } from './platform/node/runtime/start-runtime-metrics.js';
// Health checks, metric history and alert rules (docs/health-and-alerts.md): what a user configures,
// registers, queries or receives. Their parts (expression kinds, notifier configs, resolved shapes)
// are reachable through these types and not exported one by one.
export { ManualClock } from './clock/manual-clock.js';
export type { Clock } from './clock/clock.js';
export type { HealthApi, HealthCheck, HealthCheckOptions, HealthCheckResult, HealthStatus, HealthReport, CheckReport } from './health/health-types.js';
export type { HealthConfig } from './config/health-config.js';
export type { RetentionConfig } from './config/retention-config.js';
export type { AlertsConfig, NotifierConfig } from './config/alerts-config.js';
export type { MetricHistory } from './history/metric-history.js';
export type { HistorySeries, HistoryPoint } from './history/history-types.js';
export type { AlertRule, AlertExpression } from './alerts/alert-rule-types.js';
export type { AlertsApi, SilenceInput } from './alerts/alerts-api.js';
export type { AlertInstance } from './alerts/alert-instance.js';
export type { AlertNotification } from './alerts/notify/notification-types.js';
export type { AlertCallback } from './alerts/notify/callback-channel.js';
export { toPrometheusRules, rulesFromResolvedConfig } from './alerts/prometheus/to-prometheus-rules.js';
export type { PrometheusRules, RuleProblem } from './alerts/prometheus/to-prometheus-rules.js';
