// The public surface of @mcp-otel/sdk: every export by name (no `export *`).

// Start
export { startMetrics } from './start.js';
export type { ConfigSources } from './start.js';
export type { MetricsHandle, MetricsEndpoints } from './metrics-handle.js';
export type { MetricsProblem } from './report/problems.js';

// Configuration
export { resolveConfig } from './config/resolve-config.js';
export type { ResolveConfigInput } from './config/resolve-config.js';
export { ConfigError, formatIssue } from './config/config-error.js';
export type { ConfigIssue } from './config/config-error.js';
export { parseDuration } from './config/duration.js';
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

// Facade
export { metrics, timedMethod } from './facade/metrics.js';
export { createMetricsFacade, DEFAULT_METER_NAME } from './facade/metrics-facade.js';
export type {
  MetricsFacade,
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
} from './facade/metrics-facade.js';
export type { MetricsFacadeOptions } from './facade/build-metrics-facade.js';
export { SUMMARY_METER_NAME, DEFAULT_SUMMARY_MAX_SIZE, summaryViews } from './facade/summary.js';
export type { SummaryViewOptions } from './facade/summary.js';

// Exporters usable on their own (with any OTel MeterProvider)
export { ConsoleExporter } from './exporters/console/console-exporter.js';
export type { ConsoleWrite } from './exporters/console/console-exporter.js';
export { StatsdMetricExporter } from './exporters/statsd/statsd-exporter.js';
export { createStatsdExporter } from './platform/node/statsd-create-exporter.js';
export type { StatsdExporterStats } from './exporters/statsd/statsd-transport.js';
export { FileMetricExporter } from './exporters/file/file-exporter.js';
export { createFileExporter } from './platform/node/file-create-exporter.js';
export type { FileExporterStats } from './exporters/file/file-sink.js';

// Sampling and collect-time transforms
export { SamplingMeterProvider } from './sampling/sampling-meter-provider.js';
export type { SamplingMeterProviderOptions } from './sampling/sampling-meter-provider.js';
export { samplingRateLookup } from './sampling/sampling-rate-lookup.js';
export type { ScopeRateLookup } from './sampling/sampling-rate-lookup.js';
export { exponentialHistogramQuantile, quantileErrorBound } from './transform/exponential-quantile.js';

// Diagnostics
export { createStderrDiagLogger } from './diag/stderr-diag-logger.js';

// Prometheus text: our chunked serializer and scrape handler (byte-for-byte OTel's exposition)
export { PrometheusTextSerializer, DEFAULT_CHUNK_LINES } from './exporters/prometheus/prometheus-text-serializer.js';
export type { PrometheusTextSerializerOptions } from './exporters/prometheus/prometheus-text-serializer.js';
export { createPrometheusScrapeHandler, PROMETHEUS_CONTENT_TYPE } from './platform/node/prometheus-scrape-handler.js';
export type { PrometheusScrapeHandlerOptions, MetricsRequestHandler, CollectingReader } from './platform/node/prometheus-scrape-handler.js';

// Histogram fast lane: OTel-native output through a MetricProducer per reader (see docs/performance.md)
export { FastLane } from './fast-lane/fast-lane.js';
export type { FastLaneOptions, FastScope } from './fast-lane/fast-lane.js';
export { FastLaneMeterProvider } from './fast-lane/fast-lane-meter-provider.js';
export { FastLaneProducer } from './fast-lane/fast-lane-producer.js';
export type { ReaderSelectors } from './fast-lane/fast-lane-producer.js';
export { mergeScopeMetrics } from './fast-lane/merge-scope-metrics.js';
export type { FastLaneConfig } from './fast-lane/histogram-plan.js';

// The pipeline without servers or globals (mount the /metrics handler in your own HTTP server)
export { createMetricsPipeline } from './create/create-pipeline.js';
export type { MetricsPipeline } from './create/create-pipeline.js';
export type { Readers, PushReader } from './create/create-readers.js';
export type { PrometheusReader } from './exporters/prometheus/create-prometheus-reader.js';

// Node.js runtime metrics (semantic-convention names; on by default in startMetrics, `runtime: false` to turn off)
export { startRuntimeMetrics, RUNTIME_METER_NAME } from './platform/node/runtime/start-runtime-metrics.js';
export type { RuntimeMetrics, RuntimeMetricsOptions } from './platform/node/runtime/start-runtime-metrics.js';
// Health checks, metric history and alert rules (docs/health-and-alerts.md)
export { ManualClock } from './clock/manual-clock.js';
export { systemClock } from './clock/clock.js';
export type { Clock, Cancel } from './clock/clock.js';
export type { HealthApi, HealthCheck, HealthCheckOptions, HealthCheckResult, HealthStatus, HealthReport, CheckReport } from './health/health-types.js';
export type { HealthConfig, HealthCheckSwitch, ExporterHealthConfig, EventLoopHealthConfig, HeapHealthConfig, ResolvedHealth, ResolvedHealthCheck } from './config/health-config.js';
export type { RetentionConfig, ResolvedRetention } from './config/retention-config.js';
export type {
  AlertsConfig,
  AlertGroupingConfig,
  NotifierConfig,
  ConsoleNotifierConfig,
  WebhookNotifierConfig,
  AlertmanagerNotifierConfig,
  CallbackNotifierConfig,
} from './config/alerts-config.js';
export { HistoryReader } from './history/history-reader.js';
export type { MetricHistory, CounterRangeQuery } from './history/metric-history.js';
export type {
  HistoryQuery,
  HistorySeries,
  HistoryPoint,
  HistogramPoint,
  HistoryStats,
  RangeQuery,
  QuantileQuery,
  VectorSample,
  SeriesSelector,
  AttributeMatcher,
  SeriesKind,
} from './history/history-types.js';
export type {
  AlertRule,
  AlertExpression,
  AlertExpressionType,
  ValueExpression,
  CounterExpression,
  RatioExpression,
  QuantileExpression,
  OverTimeExpression,
  AbsentExpression,
  RuleSelector,
  CounterSelector,
  ComparisonOp,
  AggregationOp,
} from './alerts/alert-rule-types.js';
export type { AlertsApi, SilenceInput } from './alerts/alerts-api.js';
export type { AlertInstance } from './alerts/alert-instance.js';
export type { Silence } from './alerts/silences.js';
export type { AlertNotification, NotificationAlert, PostableAlert } from './alerts/notify/notification-types.js';
export type { AlertCallback } from './alerts/notify/callback-channel.js';
export type { ResolvedAlerts, ResolvedAlertRule, ResolvedNotifier, ResolvedGrouping } from './alerts/resolved-alerts.js';
export { toPrometheusRules, rulesFromResolvedConfig } from './alerts/prometheus/to-prometheus-rules.js';
export type { PrometheusRules, PrometheusRulesFile, PrometheusAlertingRule, PrometheusRulesOptions, RuleProblem } from './alerts/prometheus/to-prometheus-rules.js';
export type { PrometheusNaming } from './alerts/prometheus/prometheus-names.js';
