import type { MetricAdvice } from '@opentelemetry/api';
import type { MeterPlan } from './plan.js';

/** The synchronous instrument kinds our series take; the observable ones are always OTel's. */
export type SeriesKind = 'counter' | 'upDownCounter' | 'gauge' | 'histogram';

/** Every instrument kind of the OTel API. */
export type InstrumentKind = SeriesKind | 'observableCounter' | 'observableUpDownCounter' | 'observableGauge';

/** Where one instrument's measurements go. */
export type Route =
  | {
      readonly to: 'ours';
      readonly kind: SeriesKind;
      /** Histograms: sorted, finite upper bounds (the exported `buckets.boundaries`). */
      readonly boundaries: readonly number[] | undefined;
      readonly allowList: ReadonlySet<string> | undefined;
      /** Histograms: the keep-probability of a measurement (1 for every other kind). */
      readonly samplingRate: number;
    }
  | {
      readonly to: 'otel';
      readonly reason: string;
      /** Histograms of a sampled meter are sampled before OTel sees them (1 otherwise). */
      readonly samplingRate: number;
    };

/**
 * Where the measurements of one instrument go: our series for the synchronous instruments of a
 * meter the plan gives us, OTel for everything else. A histogram's boundaries are the component's,
 * else the instrument's advice, else OTel's default, as OTel's views and aggregation would choose.
 */
export function route(meter: Exclude<MeterPlan, { kind: 'drop' }>, kind: InstrumentKind, advice?: MetricAdvice): Route {
  const samplingRate = kind === 'histogram' ? meter.samplingRate : 1;
  if (meter.kind === 'otel') return { to: 'otel', reason: meter.reason, samplingRate };
  if (kind !== 'counter' && kind !== 'upDownCounter' && kind !== 'gauge' && kind !== 'histogram') {
    return { to: 'otel', reason: 'observable instruments are read by OTel at collection', samplingRate };
  }
  const boundaries = kind === 'histogram' ? explicitBoundaries(meter.buckets ?? advice?.explicitBucketBoundaries ?? DEFAULT_HISTOGRAM_BOUNDARIES) : undefined;
  return { to: 'ours', kind, boundaries, allowList: meter.allowList, samplingRate };
}

/**
 * The explicit bucket boundaries of the OpenTelemetry SDK specification, used when neither a
 * component nor the instrument's advice gives any. OTel JS does not export them; the spec fixes
 * them, and `plan.test.ts` fails loudly if OTel's default ever differs (the one copied constant).
 */
export const DEFAULT_HISTOGRAM_BOUNDARIES: readonly number[] = Object.freeze([0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000]);

/** Boundaries as OTel's explicit bucket aggregation keeps them: sorted, infinities removed. */
export function explicitBoundaries(boundaries: readonly number[]): number[] {
  const sorted = [...boundaries].sort((a, b) => a - b);
  const minusInfinity = sorted.lastIndexOf(-Infinity);
  const infinity = sorted.indexOf(Infinity);
  return sorted.slice(minusInfinity + 1, infinity === -1 ? undefined : infinity);
}
