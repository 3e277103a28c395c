import type { Attributes } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { AggregationTemporality, InstrumentType, PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { exportErrorType, exportFailureReason } from './export-failure.js';
import type { Reporter } from './reporter.js';
import { ATTR_COMPONENT_NAME, ATTR_COMPONENT_TYPE, ATTR_ERROR_TYPE } from './self-metrics.js';
import type { ExporterInstruments } from './self-metrics.js';

/** Who an observed exporter is, for its messages and its metrics. */
export interface ObservedExporterIdentity {
  /** `otel.component.type`, e.g. `otlp_http_metric_exporter`. */
  readonly componentType: string;
  /** `otel.component.name`, unique in the process, e.g. `otlp_http_metric_exporter/0`. */
  readonly componentName: string;
  /** Named in messages, e.g. `otlp exporter`. */
  readonly label: string;
  /** Where it sends, without credentials, e.g. `http://collector:4318/v1/metrics`. */
  readonly target: string;
  /**
   * A sentence on what to do when it fails with `errorType`. Without it the exporter reports its
   * own problems (StatsD and file do, once per kind) and only the metrics are recorded here.
   */
  readonly fix?: (errorType: string) => string;
}

/** How an exporter is doing, for health checks. */
export interface ExportStatus {
  readonly consecutiveFailures: number;
  /** `Date.now()` of the last finished export of each outcome; `undefined` before the first. */
  readonly lastSuccessAt: number | undefined;
  readonly lastFailureAt: number | undefined;
  /** `error.type` of the last failure. */
  readonly lastErrorType: string | undefined;
  /** Exports handed to the exporter that have not finished yet. */
  readonly exporting: number;
}

/** Options of {@link ObservedExporter}. */
export interface ObservedExporterOptions {
  identity: ObservedExporterIdentity;
  reporter: Reporter;
  /** An export still running after this long is reported as failed with `error.type=timeout`. */
  deadlineMs: number;
  /** Says how often the next attempt comes, e.g. `every 60s`. */
  retryNote: string;
  /** Lets go of an export still running after the shutdown deadline, so it holds no process alive. @default nothing */
  abandon?: (() => void) | undefined;
  now?: () => number;
}

/**
 * Wraps a push exporter so that every outcome is told the way docs/exporters.md promises: one
 * warning per failure streak with the target and the fix, one info line when it recovers, and the
 * `otel.sdk.exporter.*` metrics for each export. It answers the reader SUCCESS even when the export
 * failed: the periodic reader's only use of FAILED is to log it again (with a stack trace) at every
 * interval, and cumulative data is resent whole at the next export anyway. It also answers by its
 * own deadline, so a hanging peer cannot trip the reader's timeout error either.
 */
export class ObservedExporter implements PushMetricExporter {
  readonly selectAggregationTemporality?: (instrumentType: InstrumentType) => AggregationTemporality;
  readonly selectAggregation?: PushMetricExporter['selectAggregation'];
  private instruments: ExporterInstruments | undefined;
  private readonly attributes: Attributes;
  /** Settles each export still running (as failed with `error`). */
  private readonly running = new Set<(error: unknown) => void>();
  private readonly now: () => number;
  private readonly state: { -readonly [K in keyof ExportStatus]: ExportStatus[K] } = {
    consecutiveFailures: 0,
    lastSuccessAt: undefined,
    lastFailureAt: undefined,
    lastErrorType: undefined,
    exporting: 0,
  };

  constructor(
    readonly inner: PushMetricExporter,
    private readonly options: ObservedExporterOptions,
  ) {
    // The reader reads these once, at construction: forward them only when the inner exporter has them.
    if (inner.selectAggregationTemporality) this.selectAggregationTemporality = inner.selectAggregationTemporality.bind(inner);
    if (inner.selectAggregation) this.selectAggregation = inner.selectAggregation.bind(inner);
    this.now = options.now ?? Date.now;
    this.attributes = { [ATTR_COMPONENT_TYPE]: options.identity.componentType, [ATTR_COMPONENT_NAME]: options.identity.componentName };
  }

  /** Starts recording outcomes in these instruments (they come from the provider this exporter feeds). */
  observeWith(instruments: ExporterInstruments): void {
    this.instruments = instruments;
  }

  status(): ExportStatus {
    return { ...this.state };
  }

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    const started = this.now();
    const points = countDataPoints(metrics);
    let settled = false;
    this.state.exporting++;
    const settle = (error: unknown, failed: boolean): void => {
      if (settled) return;
      settled = true;
      this.state.exporting--;
      this.running.delete(giveUp);
      clearTimeout(timer);
      this.record(points, this.now() - started, failed ? exportErrorType(error) : undefined, error);
      resultCallback({ code: ExportResultCode.SUCCESS });
    };
    const giveUp = (error: unknown): void => settle(error, true);
    this.running.add(giveUp);
    const timer = setTimeout(() => giveUp(new ExportDeadlineError(this.options.deadlineMs)), this.options.deadlineMs);
    // Node: the deadline alone must not keep the process alive (browsers' timers have no unref).
    (timer as { unref?: () => void }).unref?.();
    try {
      this.inner.export(metrics, (result) => settle(result.error, result.code !== ExportResultCode.SUCCESS));
    } catch (error) {
      settle(error, true);
    }
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  /**
   * Shutdown gave up waiting for this exporter: its running exports are answered now (as failed,
   * `error.type=abandoned`), so the reader's own timers end, and the exporter lets go of them.
   */
  abandon(): void {
    this.options.abandon?.();
    for (const giveUp of [...this.running]) giveUp(Object.assign(new Error('left behind at the shutdown deadline'), { code: ABANDONED }));
  }

  private record(points: number, elapsedMs: number, errorType: string | undefined, error: unknown): void {
    const attributes = errorType === undefined ? this.attributes : { ...this.attributes, [ATTR_ERROR_TYPE]: errorType };
    this.instruments?.dataPoints.add(points, attributes);
    this.instruments?.duration.record(elapsedMs / 1000, attributes);
    const { identity, reporter } = this.options;
    const tells = identity.fix !== undefined;
    if (errorType === undefined) {
      if (tells && this.state.consecutiveFailures > 0) {
        reporter.info(`${identity.label}: exporting to ${identity.target} again, after ${this.state.consecutiveFailures} failed export(s).`);
      }
      this.state.consecutiveFailures = 0;
      this.state.lastSuccessAt = this.now();
      return;
    }
    // An export given up at the shutdown deadline is told once by the shutdown itself.
    if (identity.fix !== undefined && this.state.consecutiveFailures === 0 && errorType !== ABANDONED) {
      reporter.warn(
        `${identity.label}: cannot export metrics to ${identity.target}: ${exportFailureReason(error)}. Fix: ${identity.fix(errorType)} ` +
          `Retrying ${this.options.retryNote}; until an export succeeds, failures are counted ` +
          `(otel.sdk.exporter.metric_data_point.exported with error.type), not logged.`,
      );
    }
    this.state.consecutiveFailures++;
    this.state.lastFailureAt = this.now();
    this.state.lastErrorType = errorType;
  }
}

/** `error.type` of an export still running when shutdown stopped waiting for it. */
const ABANDONED = 'abandoned';

/** The export did not finish by the exporter's deadline. */
export class ExportDeadlineError extends Error {
  readonly code = 'timeout';
  constructor(deadlineMs: number) {
    super(`no answer within ${deadlineMs}ms`);
    this.name = 'ExportDeadlineError';
  }
}

/** Data points in one export (what `otel.sdk.exporter.metric_data_point.exported` counts). */
export function countDataPoints(metrics: ResourceMetrics): number {
  let points = 0;
  for (const scope of metrics.scopeMetrics) for (const metric of scope.metrics) points += metric.dataPoints.length;
  return points;
}
