import { AggregationType, InstrumentType, createAllowListAttributesProcessor } from '@opentelemetry/sdk-metrics';
import type { ViewOptions } from '@opentelemetry/sdk-metrics';
import type { MeterPlan, MeterSettings, PlanConfig } from './plan.js';
import { componentMeterNames, SUMMARY_METER_NAME } from './meter-names.js';

/** Buckets per sign of a summary's exponential histogram: OTel's default, scale 3 across 1e-3..1e3. */
export const DEFAULT_SUMMARY_MAX_SIZE = 160;

/** Options of `summaryViews`. */
export interface SummaryViewOptions {
  /**
   * Maximum buckets per sign of each summary's exponential histogram. More buckets give a finer
   * scale, hence a smaller quantile error, for the same value range (see docs/facade.md).
   * @default 160
   */
  maxSize?: number;
  /** Cardinality limit of each summary metric; `undefined` keeps OTel's default. @default undefined */
  cardinalityLimit?: number;
}

/**
 * The view that aggregates every facade `summary()` (meter `@mcp-otel/sdk/summary`) as a base-2
 * exponential histogram, for a MeterProvider you build yourself (`startMetrics` and
 * `createMetricsPipeline` add it already). Make sure no other view selects that meter, or OTel
 * exports each summary twice.
 *
 * @example
 * ```ts
 * import { createMetricsFacade, summaryViews } from '@mcp-otel/sdk';
 * import { MeterProvider } from '@opentelemetry/sdk-metrics';
 *
 * const provider = new MeterProvider({ views: summaryViews() });
 * createMetricsFacade(provider).summary('reply.size').record(512);
 * ```
 */
export function summaryViews(options?: SummaryViewOptions): ViewOptions[] {
  const view: ViewOptions = {
    meterName: SUMMARY_METER_NAME,
    instrumentType: InstrumentType.HISTOGRAM,
    aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM, options: { maxSize: options?.maxSize ?? DEFAULT_SUMMARY_MAX_SIZE } },
  };
  if (options?.cardinalityLimit !== undefined) view.aggregationCardinalityLimit = options.cardinalityLimit;
  return [view];
}

const ALL_TYPES = Object.values(InstrumentType);

/**
 * The OTel views of a plan: for every meter name a component key selects exactly (OTel matches
 * meter names exactly, see `componentMeterNames`) and for the summary meter, the views that make
 * OTel aggregate what the plan gives it as our series do: the component's buckets, its allow-list
 * on every instrument type, the summary as an exponential histogram. A dropped meter needs none
 * (its meter is the no-op meter). Views never overlap (OTel exports one stream per matching view):
 * each meter name gets views from its own plan only, at most one per instrument type. Each view
 * carries the cardinality limit, since a view's stream does not take the reader's.
 */
export function planViews(config: PlanConfig, meterPlan: (name: string) => MeterPlan): ViewOptions[] {
  const names = new Set([SUMMARY_METER_NAME, ...Object.keys(config.components).flatMap(componentMeterNames)]);
  const views: ViewOptions[] = [];
  for (const meterName of names) {
    const plan = meterPlan(meterName);
    if (plan.kind !== 'drop') views.push(...meterViews(meterName, plan, config.cardinalityLimit));
  }
  return views;
}

function meterViews(meterName: string, settings: MeterSettings, aggregationCardinalityLimit: number): ViewOptions[] {
  const attributesProcessors = settings.allowList === undefined ? undefined : [createAllowListAttributesProcessor([...settings.allowList])];
  const histogram = histogramAggregation(meterName, settings);
  const views: ViewOptions[] = [];
  for (const instrumentType of ALL_TYPES) {
    const aggregation = instrumentType === InstrumentType.HISTOGRAM ? histogram : undefined;
    if (aggregation === undefined && attributesProcessors === undefined) continue;
    views.push({ meterName, instrumentType, aggregationCardinalityLimit, ...(aggregation && { aggregation }), ...(attributesProcessors && { attributesProcessors }) });
  }
  return views;
}

function histogramAggregation(meterName: string, settings: MeterSettings): ViewOptions['aggregation'] {
  // Summaries stay exponential whatever the component says: their quantile error bound depends on it.
  if (meterName === SUMMARY_METER_NAME) return summaryViews()[0]!.aggregation;
  if (settings.buckets === undefined) return undefined;
  return { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [...settings.buckets] } };
}
