import type { MetricAdvice } from '@opentelemetry/api';
import { AggregationType, type AggregationOption } from '@opentelemetry/sdk-metrics';
import type { ResolvedComponent, ResolvedConfig } from '../config/resolved-config.js';
import { componentMeterNames } from '../create/component-meter-names.js';
import { SUMMARY_METER_NAME } from '../facade/summary.js';

/** The part of the resolved config the fast lane reads (the same fields `createViews` reads). */
export type FastLaneConfig = Pick<ResolvedConfig, 'components' | 'cardinalityLimit'>;

/** OTel's default explicit bucket boundaries (sdk-metrics `HistogramAggregation`). */
export const DEFAULT_HISTOGRAM_BOUNDARIES: readonly number[] = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

/** How a meter's histograms are aggregated, decided once per meter. */
export type MeterPlan =
  | { lane: 'otel'; reason: string }
  /** `view`: the component view's bucket override and allow-list, when a view selects the meter. */
  | { lane: 'fast'; view: { buckets: number[] | undefined; allowList: ReadonlySet<string> | undefined } | undefined };

/** How one histogram is aggregated by the fast lane. */
export interface HistogramPlan {
  boundaries: number[];
  recordMinMax: boolean;
  allowList: ReadonlySet<string> | undefined;
}

/**
 * What `createViews(config)` makes OTel do with the histograms of meter `meterName`, reduced to
 * whether the fast lane can reproduce it. It cannot (so the meter keeps OTel's instruments) for:
 * the summary meter (exponential), a disabled component (DROP view), and a meter selected by
 * several component keys (OTel then exports one stream per view).
 */
export function planMeter(meterName: string, config: FastLaneConfig): MeterPlan {
  if (meterName === SUMMARY_METER_NAME) return { lane: 'otel', reason: 'summaries are exponential histograms' };
  const matching = Object.entries(config.components).filter(([key]) => componentMeterNames(key).includes(meterName));
  if (matching.length > 1) return { lane: 'otel', reason: 'several component keys select this meter' };
  const component: ResolvedComponent | undefined = matching[0]?.[1];
  if (component === undefined) return { lane: 'fast', view: undefined };
  if (!component.enabled) return { lane: 'otel', reason: 'the component is disabled (DROP view)' };
  if (component.histogramBuckets === undefined && component.attributes === undefined) return { lane: 'fast', view: undefined };
  return {
    lane: 'fast',
    view: {
      buckets: component.histogramBuckets,
      allowList: component.attributes === undefined ? undefined : new Set(component.attributes),
    },
  };
}

/**
 * The aggregation of one histogram: a view's buckets win; else every reader's aggregation for
 * histograms must be explicit-bucket and agree (OTel gives each reader its own otherwise).
 * `undefined`: the fast lane cannot reproduce it, the OTel instrument is used.
 */
export function planHistogram(
  meter: Extract<MeterPlan, { lane: 'fast' }>,
  advice: MetricAdvice | undefined,
  readerAggregations: readonly AggregationOption[],
): HistogramPlan | undefined {
  const adviceOrDefault = (): number[] =>
    advice?.explicitBucketBoundaries === undefined ? [...DEFAULT_HISTOGRAM_BOUNDARIES] : explicitBoundaries(advice.explicitBucketBoundaries);
  if (meter.view !== undefined) {
    const boundaries = meter.view.buckets === undefined ? adviceOrDefault() : explicitBoundaries(meter.view.buckets);
    return { boundaries, recordMinMax: true, allowList: meter.view.allowList };
  }
  let plan: HistogramPlan | undefined;
  for (const aggregation of readerAggregations) {
    let next: HistogramPlan;
    if (aggregation.type === AggregationType.DEFAULT) next = { boundaries: adviceOrDefault(), recordMinMax: true, allowList: undefined };
    else if (aggregation.type !== AggregationType.EXPLICIT_BUCKET_HISTOGRAM) return undefined;
    else if (aggregation.options === undefined) next = { boundaries: [...DEFAULT_HISTOGRAM_BOUNDARIES], recordMinMax: true, allowList: undefined };
    else {
      next = { boundaries: explicitBoundaries(aggregation.options.boundaries), recordMinMax: aggregation.options.recordMinMax ?? true, allowList: undefined };
    }
    if (plan !== undefined && !samePlan(plan, next)) return undefined;
    plan = next;
  }
  return plan;
}

/**
 * The allow-list of one counter or up-down counter, when the fast lane can reproduce its sum: a
 * component view with an allow-list selects it (the view's aggregation is the default: a sum);
 * without one, every reader must aggregate it as a sum (default or explicit). `false`: it cannot.
 */
export function planSum(
  meter: Extract<MeterPlan, { lane: 'fast' }>,
  readerAggregations: readonly AggregationOption[],
): { allowList: ReadonlySet<string> | undefined } | false {
  const allowList = meter.view?.allowList;
  if (allowList !== undefined) return { allowList };
  const sums = readerAggregations.every((aggregation) => aggregation.type === AggregationType.DEFAULT || aggregation.type === AggregationType.SUM);
  return sums ? { allowList: undefined } : false;
}

/** Boundaries as OTel's `ExplicitBucketHistogramAggregation` keeps them: sorted, infinities removed. */
export function explicitBoundaries(boundaries: readonly number[]): number[] {
  const sorted = [...boundaries].sort((a, b) => a - b);
  const minusInfinity = sorted.lastIndexOf(-Infinity);
  const infinity = sorted.indexOf(Infinity);
  return sorted.slice(minusInfinity + 1, infinity === -1 ? undefined : infinity);
}

function samePlan(a: HistogramPlan, b: HistogramPlan): boolean {
  return a.recordMinMax === b.recordMinMax && a.boundaries.length === b.boundaries.length && a.boundaries.every((v, i) => v === b.boundaries[i]);
}
