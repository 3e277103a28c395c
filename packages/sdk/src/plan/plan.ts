/**
 * # plan/: where a measurement goes, decided once
 *
 * The resolved config becomes a {@link Plan} once, in `createPlan`. Per meter (instrumentation
 * scope) it says one of three things, and nothing else in the SDK decides:
 * - `drop`: a disabled component; the meter is the OTel API's no-op meter.
 * - `otel`: OTel aggregates the meter's instruments (plain OTel instruments), with the reason; the
 *   plan's `views` carry the component's buckets and allow-list to OTel.
 * - `ours`: the meter's counters, up-down counters, gauges and histograms are our own series
 *   (`aggregate/`), with the component's buckets, allow-list and histogram sampling rate.
 * Then `route()` (route.ts) decides per instrument; the one meter wrapper (`meter/`) asks it for
 * every instrument it creates.
 *
 * Nouns used across the SDK, one per idea: *plan* (this), *route* (one instrument's decision),
 * *series* (one attribute set's aggregate, `aggregate/`), *storage* (the series of one
 * instrument), *producer* (what one reader collects of our storages, `export/`), *collect
 * transform* (the one step between a collection and an exporter), *handle* (what the facade
 * hands out; for our instruments the handle is the series itself).
 */
import type { ViewOptions } from '@opentelemetry/sdk-metrics';
import type { ResolvedComponent, ResolvedConfig } from '../config/resolved-config.js';
import { SUMMARY_METER_NAME } from './meter-names.js';
import { planViews } from './plan-views.js';

/** The part of the resolved config the plan is made from. */
export type PlanConfig = Pick<ResolvedConfig, 'components' | 'cardinalityLimit' | 'samplingRate'>;

/** What the component of a meter asks for: the same for our series and for OTel's views. */
export interface MeterSettings {
  /** Histogram bucket boundaries; `undefined`: the instrument's advice, else OTel's default. */
  readonly buckets: readonly number[] | undefined;
  /** Attribute keys kept; `undefined`: every key. */
  readonly allowList: ReadonlySet<string> | undefined;
  /** Probability that a histogram measurement is kept (1: all; scaled back at export). */
  readonly samplingRate: number;
}

/** How the instruments of one meter are recorded. */
export type MeterPlan =
  | { readonly kind: 'drop'; readonly reason: string }
  | (MeterSettings & { readonly kind: 'otel'; readonly reason: string })
  | (MeterSettings & { readonly kind: 'ours' });

/** Options of {@link createPlan}. */
export interface PlanOptions {
  /** `false`: OTel aggregates every instrument (the plain-OTel baseline). @default true */
  readonly ownAggregation?: boolean;
}

/** The plan of one pipeline. */
export interface Plan {
  /** Series per instrument, overflow series included (OTel's `aggregationCardinalityLimit`). */
  readonly cardinalityLimit: number;
  /** The views OTel needs for what it aggregates (summaries, components' buckets and allow-lists). */
  readonly views: readonly ViewOptions[];
  /** The plan of meter `name` (memoized: meter names are few). */
  meter(name: string): MeterPlan;
}

/** Meter names are code-defined and few; the memo bound only guards against a pathological caller. */
const MAX_MEMOIZED_METERS = 10_000;

/** The plan of a resolved config. Pure: reads `config` once, registers nothing. */
export function createPlan(config: PlanConfig, options: PlanOptions = {}): Plan {
  const ownAggregation = options.ownAggregation ?? true;
  const memo = new Map<string, MeterPlan>();
  const meter = (name: string): MeterPlan => {
    let plan = memo.get(name);
    if (plan === undefined) {
      plan = planMeter(name, config, ownAggregation);
      if (memo.size < MAX_MEMOIZED_METERS) memo.set(name, plan);
    }
    return plan;
  };
  return { cardinalityLimit: config.cardinalityLimit, views: planViews(config, meter), meter };
}

function planMeter(name: string, config: PlanConfig, ownAggregation: boolean): MeterPlan {
  const component: ResolvedComponent | undefined = componentOf(name, config.components)?.component;
  if (component !== undefined && !component.enabled) return { kind: 'drop', reason: 'its component is disabled (enabled: false)' };
  const settings: MeterSettings = {
    buckets: component?.histogramBuckets,
    allowList: component?.attributes === undefined ? undefined : new Set(component.attributes),
    samplingRate: clampRate(component?.samplingRate ?? config.samplingRate),
  };
  if (name === SUMMARY_METER_NAME) return { kind: 'otel', reason: 'summaries are exponential histograms, which OTel aggregates', ...settings };
  if (!ownAggregation) return { kind: 'otel', reason: 'own aggregation is off (ownAggregation: false)', ...settings };
  return { kind: 'ours', ...settings };
}

/** A rate as a probability: NaN and out-of-range values fall back to the safe ends. */
function clampRate(rate: number): number {
  return Number.isNaN(rate) ? 1 : Math.min(1, Math.max(0, rate));
}

/** The settings of the component that governs a meter, with its key. */
export interface MatchedComponent {
  readonly key: string;
  readonly component: ResolvedComponent;
}

/**
 * The component of a meter (docs/configuration.md): a key matches a meter whose name equals it or
 * ends with `/<key>` (`mcp` matches `@mcp-otel/instrumentation/mcp`); the longest matching key wins,
 * so one meter has at most one component.
 */
export function componentOf(meterName: string, components: Readonly<Record<string, ResolvedComponent>>): MatchedComponent | undefined {
  let match: MatchedComponent | undefined;
  for (const [key, component] of Object.entries(components)) {
    if (meterName !== key && !meterName.endsWith('/' + key)) continue;
    if (match === undefined || key.length > match.key.length) match = { key, component };
  }
  return match;
}
