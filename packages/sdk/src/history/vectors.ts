import type { VectorSample } from './history-types.js';
import type { HistoryStore } from './history-store.js';
import { bucketQuantile } from './promql/bucket-quantile.js';
import type { Bucket } from './promql/bucket-quantile.js';
import type { GroupAccumulator } from './group-accumulator.js';
import { RangeWindow, ringBucketRates, ringOverTime, ringRate } from './promql/ring-range.js';
import type { StoredSeries } from './stored-series.js';

/**
 * The PromQL functions over stored series, each giving an instant vector (one sample per series
 * that has a result), as Prometheus evaluates `f(selector[window])` at time `at`.
 */

/** Aggregation operators (`sum by (...)` and friends). */
export type AggregateOp = 'sum' | 'min' | 'max' | 'avg' | 'count';

/** Functions over a range of one series' samples. */
export type RangeFunction = 'rate' | 'increase' | 'avg_over_time' | 'max_over_time';

/** `f(series[windowMs])` at `at` for each series; `offset` picks a histogram's count or sum. */
export function rangeVector(store: HistoryStore, series: readonly StoredSeries[], fn: RangeFunction, offset: number, windowMs: number, at: number): VectorSample[] {
  const out: VectorSample[] = [];
  forEachInRange(store, series, fn, offset, windowMs, at, (one, value) => out.push({ attributes: one.attributes, value }));
  return out;
}

/** Like {@link rangeVector}, aggregating straight into `accumulator` (the hot path of rule evaluation: no closures, no sample objects). */
export function rangeInto(store: HistoryStore, series: readonly StoredSeries[], fn: RangeFunction, offset: number, windowMs: number, at: number, accumulator: GroupAccumulator): void {
  const window = new RangeWindow(store.timeline, at - windowMs, at);
  accumulator.prepare(series);
  const counter = fn === 'rate' || fn === 'increase';
  for (let index = 0; index < series.length; index++) {
    const one = series[index]!;
    const value = counter ? ringRate(window, one, offset, fn === 'rate') : ringOverTime(window, one, fn === 'avg_over_time' ? 'avg' : 'max');
    if (value !== undefined) accumulator.addAt(index, value);
  }
}

function forEachInRange(
  store: HistoryStore,
  series: readonly StoredSeries[],
  fn: RangeFunction,
  offset: number,
  windowMs: number,
  at: number,
  take: (series: StoredSeries, value: number) => void,
): void {
  // The range's collections, found once for every series (they share the timeline).
  const window = new RangeWindow(store.timeline, at - windowMs, at);
  for (const one of series) {
    const value = fn === 'rate' || fn === 'increase' ? ringRate(window, one, offset, fn === 'rate') : ringOverTime(window, one, fn === 'avg_over_time' ? 'avg' : 'max');
    if (value !== undefined) take(one, value);
  }
}

/**
 * `histogram_quantile(q, sum by (le, by) (rate(h_bucket[window])))` at `at`: the rate of each
 * cumulative bucket of each series, summed per group and bound, then PromQL's bucket quantile.
 */
export function quantileVector(store: HistoryStore, series: readonly StoredSeries[], q: number, windowMs: number, at: number, by: readonly string[]): VectorSample[] {
  const groups = new Map<string, { attributes: Record<string, string>; buckets: Map<number, number> }>();
  const window = new RangeWindow(store.timeline, at - windowMs, at);
  let rates = new Float64Array(16);
  for (const one of series) {
    if (rates.length < one.bounds.length + 1) rates = new Float64Array(one.bounds.length + 1);
    if (!ringBucketRates(window, one, rates)) continue;
    const key = groupKey(one.attributes, by);
    let group = groups.get(key);
    if (group === undefined) {
      group = { attributes: groupAttributes(one.attributes, by), buckets: new Map() };
      groups.set(key, group);
    }
    for (let index = 0; index <= one.bounds.length; index++) {
      const le = index < one.bounds.length ? one.bounds[index]! : Infinity;
      group.buckets.set(le, (group.buckets.get(le) ?? 0) + rates[index]!);
    }
  }
  const out: VectorSample[] = [];
  for (const group of groups.values()) {
    const buckets: Bucket[] = [...group.buckets].map(([upperBound, count]) => ({ upperBound, count }));
    out.push({ attributes: group.attributes, value: bucketQuantile(q, buckets) });
  }
  return out;
}

function groupKey(attributes: Record<string, string>, by: readonly string[]): string {
  let key = '';
  for (const name of by) key += `${attributes[name] ?? ''}\u0000`;
  return key;
}

function groupAttributes(attributes: Record<string, string>, by: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of by) {
    const value = attributes[name];
    if (value !== undefined && value !== '') result[name] = value;
  }
  return result;
}
