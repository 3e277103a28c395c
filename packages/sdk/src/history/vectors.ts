import type { VectorSample } from './history-types.js';
import type { HistoryStore } from './history-store.js';
import { bucketQuantile } from './promql/bucket-quantile.js';
import type { Bucket } from './promql/bucket-quantile.js';
import { extrapolatedRate } from './promql/extrapolated-rate.js';
import { avgOverTime, maxOverTime } from './promql/over-time.js';
import { instantValue, SampleWindow } from './promql/sample-window.js';
import type { StoredSeries } from './stored-series.js';
import { HISTOGRAM_FIRST_BUCKET } from './stored-series.js';

/**
 * The PromQL functions over stored series, each giving an instant vector (one sample per series
 * that has a result), as Prometheus evaluates `f(selector[window])` at time `at`.
 */

/** Aggregation operators (`sum by (...)` and friends). */
export type AggregateOp = 'sum' | 'min' | 'max' | 'avg' | 'count';

/** Functions over a range of one series' samples. */
export type RangeFunction = 'rate' | 'increase' | 'avg_over_time' | 'max_over_time';

const window = new SampleWindow(64);

/** `f(series[windowMs])` at `at` for each series; `offset` picks a histogram's count or sum. */
export function rangeVector(store: HistoryStore, series: readonly StoredSeries[], fn: RangeFunction, offset: number, windowMs: number, at: number): VectorSample[] {
  const out: VectorSample[] = [];
  const from = at - windowMs;
  for (const one of series) {
    const count = window.load(store, one, offset, from, at);
    const value = applyRange(fn, count, from, at);
    if (value !== undefined) out.push({ attributes: one.attributes, value });
  }
  return out;
}

function applyRange(fn: RangeFunction, count: number, from: number, to: number): number | undefined {
  switch (fn) {
    case 'rate':
      return extrapolatedRate(window.times, window.values, count, from, to, true, true);
    case 'increase':
      return extrapolatedRate(window.times, window.values, count, from, to, true, false);
    case 'avg_over_time':
      return avgOverTime(window.values, count);
    case 'max_over_time':
      return maxOverTime(window.values, count);
  }
}

/** The instant vector of the series at `at` (lookback and staleness as in PromQL). */
export function instantVector(store: HistoryStore, series: readonly StoredSeries[], offset: number, at: number): VectorSample[] {
  const out: VectorSample[] = [];
  for (const one of series) {
    const value = instantValue(store, one, offset, at);
    if (value !== undefined) out.push({ attributes: one.attributes, value });
  }
  return out;
}

/**
 * `op by (by) (vector)`: samples grouped by the `by` attribute values (a missing one is `""`, and
 * an empty value is left out of the result, as Prometheus drops empty labels); `undefined` keeps
 * every series apart (no aggregation).
 */
export function aggregate(samples: readonly VectorSample[], op: AggregateOp, by: readonly string[] | undefined): VectorSample[] {
  if (by === undefined) return [...samples];
  const groups = new Map<string, { attributes: Record<string, string>; value: number; mean: number; count: number }>();
  for (const sample of samples) {
    const key = groupKey(sample.attributes, by);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { attributes: groupAttributes(sample.attributes, by), value: sample.value, mean: sample.value, count: 1 });
      continue;
    }
    const value = sample.value;
    group.count++;
    if (op === 'sum') group.value += value;
    else if (op === 'max' && (group.value < value || Number.isNaN(group.value))) group.value = value;
    else if (op === 'min' && (group.value > value || Number.isNaN(group.value))) group.value = value;
    else if (op === 'avg') group.mean = nextMean(group.mean, value, group.count);
  }
  return [...groups.values()].map((group) => ({
    attributes: group.attributes,
    value: op === 'avg' ? group.mean : op === 'count' ? group.count : group.value,
  }));
}

/** Prometheus' incremental mean of the `avg` aggregation, with its handling of infinities. */
function nextMean(mean: number, value: number, count: number): number {
  if (mean === Infinity || mean === -Infinity) {
    if ((value === Infinity || value === -Infinity) && mean > 0 === value > 0) return mean;
    if (value !== Infinity && value !== -Infinity && !Number.isNaN(value)) return mean;
  }
  return mean + (value / count - mean / count);
}

/**
 * `histogram_quantile(q, sum by (le, by) (rate(h_bucket[window])))` at `at`: the rate of each
 * cumulative bucket of each series, summed per group and bound, then PromQL's bucket quantile.
 */
export function quantileVector(store: HistoryStore, series: readonly StoredSeries[], q: number, windowMs: number, at: number, by: readonly string[]): VectorSample[] {
  const groups = new Map<string, { attributes: Record<string, string>; buckets: Map<number, number> }>();
  const from = at - windowMs;
  for (const one of series) {
    const key = groupKey(one.attributes, by);
    for (let index = 0; index <= one.bounds.length; index++) {
      const count = window.load(store, one, HISTOGRAM_FIRST_BUCKET + index, from, at);
      const rate = extrapolatedRate(window.times, window.values, count, from, at, true, true);
      if (rate === undefined) continue;
      let group = groups.get(key);
      if (group === undefined) {
        group = { attributes: groupAttributes(one.attributes, by), buckets: new Map() };
        groups.set(key, group);
      }
      const le = index < one.bounds.length ? one.bounds[index]! : Infinity;
      group.buckets.set(le, (group.buckets.get(le) ?? 0) + rate);
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
