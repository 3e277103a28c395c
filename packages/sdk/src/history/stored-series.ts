import type { Attributes } from '@opentelemetry/api';
import type { SeriesKind } from './history-types.js';

/** One metric of one meter, with its series. */
export interface StoredMetric {
  readonly name: string;
  readonly scope: string;
  readonly scopeVersion: string;
  readonly kind: SeriesKind;
  readonly unit: string;
  readonly series: StoredSeries[];
  /** Series by their attribute key (see `attributesKey`). */
  readonly byKey: Map<string, StoredSeries>;
  /**
   * Series by the identity of the attributes object OTel hands out: a cumulative storage gives the
   * same object for a series at every collection, so most lookups skip building the key.
   */
  byIdentity: WeakMap<Attributes, StoredSeries>;
  /** Bumped when a series is added or evicted: selectors cache their matches against it. */
  generation: number;
}

/**
 * One series: its values in a preallocated ring of `capacity` points (slot = collection number
 * modulo capacity). A counter, up-down counter or gauge point is one value; a histogram point is
 * `width` values: count, sum, then the cumulative count of each bucket. `NaN` marks a collection
 * the series was not part of (PromQL's staleness).
 */
export interface StoredSeries {
  readonly metric: StoredMetric;
  readonly key: string;
  /** Attribute values as strings, as Prometheus labels carry them. */
  readonly attributes: Record<string, string>;
  /** Histogram upper bounds without the final `+Inf` (`[]` for other kinds). */
  readonly bounds: readonly number[];
  readonly width: number;
  readonly values: Float64Array;
  /** The last collection that carried this series. */
  lastSeq: number;
  /** The first collection that carried it. */
  firstSeq: number;
  /** The last collection since `firstSeq` that did not carry it (or carried NaN); -1 when none. */
  lastGapSeq: number;
  /** The last collection in which a value went down from the collection before (a counter reset); -1 when none. */
  lastDropSeq: number;
  evicted: boolean;
}

/**
 * Whether the series has a sample in every collection of `[start, end)` and no value went down
 * inside it: then a rate over that range needs only its first and last points (no scan).
 */
export function isSteadyOver(series: StoredSeries, start: number, end: number): boolean {
  return series.firstSeq <= start && series.lastGapSeq < start && series.lastDropSeq <= start && series.lastSeq >= end - 1;
}

/** Offsets within a histogram point. */
export const HISTOGRAM_COUNT = 0;
export const HISTOGRAM_SUM = 1;
export const HISTOGRAM_FIRST_BUCKET = 2;

/** Values per point: 1, or count + sum + one per bucket (the bounds and `+Inf`). */
export function pointWidth(kind: SeriesKind, bounds: readonly number[]): number {
  return kind === 'histogram' ? HISTOGRAM_FIRST_BUCKET + bounds.length + 1 : 1;
}

/** Attribute values as label values: strings as they are, others as JSON (as the Prometheus serializer prints them). */
export function stringAttributes(attributes: Attributes): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (value === undefined) continue;
    result[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return result;
}

/** A key that is equal for equal attribute sets, whatever their key order. */
export function attributesKey(attributes: Record<string, string>): string {
  const keys = Object.keys(attributes).sort();
  let key = '';
  for (const name of keys) key += `${name}\u0000${attributes[name]}\u0001`;
  return key;
}
