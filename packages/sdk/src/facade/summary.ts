import { AggregationType, InstrumentType, type ViewOptions } from '@opentelemetry/sdk-metrics';

/**
 * Meter (instrumentation scope) of `summary()` instruments. `summaryViews()` selects it to aggregate
 * them as base-2 exponential histograms.
 */
export const SUMMARY_METER_NAME = '@mcp-otel/sdk/summary';

/** Options of `summaryViews`. */
export interface SummaryViewOptions {
  /**
   * Maximum buckets per sign of each summary's exponential histogram. More buckets give a finer
   * scale, hence a smaller quantile error, for the same value range (see docs/facade.md).
   * @default 160
   */
  maxSize?: number;
  /** Cardinality limit of each summary metric; `undefined` keeps the reader's. @default undefined */
  cardinalityLimit?: number;
}

/** Default `maxSize` of summaries: OTel's default, scale 3 (about 4.3% error) across 1e-3..1e3. */
export const DEFAULT_SUMMARY_MAX_SIZE = 160;

/**
 * The views that aggregate every `summary()` instrument (meter `@mcp-otel/sdk/summary`) as a base-2
 * exponential histogram. Add them to the MeterProvider's `views`; make sure no other view selects
 * that meter, or OTel exports each summary twice.
 *
 * @example
 * ```ts
 * const provider = new MeterProvider({ views: [...summaryViews(), ...otherViews], readers });
 * ```
 */
export function summaryViews(options?: SummaryViewOptions): ViewOptions[] {
  const view: ViewOptions = {
    meterName: SUMMARY_METER_NAME,
    instrumentType: InstrumentType.HISTOGRAM,
    aggregation: {
      type: AggregationType.EXPONENTIAL_HISTOGRAM,
      options: { maxSize: options?.maxSize ?? DEFAULT_SUMMARY_MAX_SIZE },
    },
  };
  if (options?.cardinalityLimit !== undefined) view.aggregationCardinalityLimit = options.cardinalityLimit;
  return [view];
}
