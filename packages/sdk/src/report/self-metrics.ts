import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';

/** The meter of the SDK's own metrics; the component key `self` configures or disables it. */
export const SELF_METER_NAME = '@mcp-otel/sdk/self';

/** Self-observability names from the OTel semantic conventions (otel.sdk.*, development status). */
export const METRIC_EXPORTER_DATA_POINTS = 'otel.sdk.exporter.metric_data_point.exported';
export const METRIC_EXPORTER_DURATION = 'otel.sdk.exporter.operation.duration';
export const ATTR_COMPONENT_TYPE = 'otel.component.type';
export const ATTR_COMPONENT_NAME = 'otel.component.name';
export const ATTR_ERROR_TYPE = 'error.type';
/** Ours: no convention counts a telemetry SDK's startup problems. */
export const METRIC_SDK_PROBLEMS = 'mcp_otel.sdk.problems';
export const ATTR_PROBLEM_KIND = 'mcp_otel.problem.kind';

/** The instruments an exporter's outcomes are recorded in. */
export interface ExporterInstruments {
  readonly dataPoints: Counter<Attributes>;
  readonly duration: Histogram<Attributes>;
}

/**
 * The exporter instruments on `meter`, as the semantic conventions define them: every data point
 * counted once per export, failed ones with `error.type`; one duration per export operation.
 */
export function createExporterInstruments(meter: Meter): ExporterInstruments {
  return {
    dataPoints: meter.createCounter(METRIC_EXPORTER_DATA_POINTS, {
      unit: '{data_point}',
      description: 'The number of metric data points for which the export has finished, either successful or failed (failed ones carry error.type).',
    }),
    duration: meter.createHistogram(METRIC_EXPORTER_DURATION, {
      unit: 's',
      description: 'The duration of exporting a batch of telemetry records.',
      advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] },
    }),
  };
}

/** `mcp_otel.sdk.problems`: how many startup problems of each kind this process has (see `handle.problems`). */
export function observeProblems(meter: Meter, count: () => ReadonlyMap<string, number>): void {
  meter
    .createObservableGauge(METRIC_SDK_PROBLEMS, {
      unit: '{problem}',
      description: 'Problems startMetrics met and worked around outside strict mode (ignored config values, endpoints that could not listen); see handle.problems.',
    })
    .addCallback((result) => {
      for (const [kind, value] of count()) result.observe(value, { [ATTR_PROBLEM_KIND]: kind });
    });
}
