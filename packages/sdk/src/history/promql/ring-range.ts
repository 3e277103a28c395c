import type { StoredSeries } from '../stored-series.js';
import { HISTOGRAM_FIRST_BUCKET, isSteadyOver } from '../stored-series.js';
import type { Timeline } from '../timeline.js';

/**
 * PromQL's range functions over the samples of one series, computed in one pass over its ring
 * (no copy: rule evaluation runs them for every matched series, the hot loop of alerting), as
 * Prometheus 2.42 computes them (promql/functions.go): `rate`/`increase` are its
 * `extrapolatedRate` (counter resets, extrapolation to the range's ends, the counter's zero point),
 * `avg_over_time` its Neumaier-compensated incremental mean, `max_over_time` its maximum. Written
 * by hand because no JavaScript library implements PromQL's extrapolation, and alerts depend on
 * it exactly; tested against a real Prometheus on the same samples. A sample is a point within
 * collections `[start, end)` (`Timeline.range`, PromQL 2.x's closed range) that is not `NaN`
 * (absent, like a stale marker).
 */

/**
 * The range of one evaluation (`[rangeStart, rangeEnd]` in ms, collections `[start, end)`), shared
 * by every series it is applied to, with what the extrapolation needs when a series has a sample
 * in every collection of the range (the common case), computed once instead of per series.
 */
export class RangeWindow {
  readonly timeline: Timeline;
  readonly start: number;
  readonly end: number;
  readonly rangeStart: number;
  readonly rangeEnd: number;
  private full: { firstTime: number; durationToEnd: number; sampledInterval: number; average: number } | undefined;

  constructor(timeline: Timeline, rangeStart: number, rangeEnd: number) {
    this.timeline = timeline;
    [this.start, this.end] = timeline.range(rangeStart, rangeEnd);
    this.rangeStart = rangeStart;
    this.rangeEnd = rangeEnd;
  }

  /** The sample times of a series with a sample in collections `firstSeq` to `lastSeq`, `count` of them. */
  spacing(firstSeq: number, lastSeq: number, count: number): { firstTime: number; durationToEnd: number; sampledInterval: number; average: number } {
    const everyCollection = firstSeq === this.start && lastSeq === this.end - 1 && count === this.end - this.start;
    if (everyCollection && this.full !== undefined) return this.full;
    const firstTime = this.timeline.time(firstSeq);
    const lastTime = this.timeline.time(lastSeq);
    const sampledInterval = (lastTime - firstTime) / 1000;
    const spacing = { firstTime, durationToEnd: (this.rangeEnd - lastTime) / 1000, sampledInterval, average: sampledInterval / (count - 1) };
    if (everyCollection) this.full = spacing;
    return spacing;
  }
}

/** `rate` / `increase` of one value of the series' points (`offset`) over the window; `undefined` below two samples. */
export function ringRate(window: RangeWindow, series: StoredSeries, offset: number, isRate: boolean): number | undefined {
  const { values, width } = series;
  const { timeline, start, end } = window;
  if (end - start >= 2 && isSteadyOver(series, start, end)) {
    // A sample in every collection and no drop: the first and the last point say it all.
    const capacity = timeline.capacity;
    const first = values[(start % capacity) * width + offset]!;
    const result = values[((end - 1) % capacity) * width + offset]! - first;
    return extrapolate(window, result, first, start, end - 1, end - start, isRate);
  }
  const wrap = timeline.capacity * width;
  let index = (start % timeline.capacity) * width + offset;
  let count = 0;
  let first = 0;
  let firstSeq = 0;
  let previous = 0;
  let lastSeq = 0;
  let resets = 0;
  for (let seq = start; seq < end; seq++) {
    const value = values[index]!;
    index += width;
    if (index >= wrap) index -= wrap;
    if (value !== value) continue; // NaN: no sample in this collection
    if (count === 0) {
      first = value;
      firstSeq = seq;
    } else if (value < previous) {
      resets += previous; // a counter reset
    }
    previous = value;
    lastSeq = seq;
    count++;
  }
  if (count < 2) return undefined;
  return extrapolate(window, previous - first + resets, first, firstSeq, lastSeq, count, isRate);
}

/** `extrapolatedRate`'s extrapolation of `result` (last - first + resets) to the window's ends. */
function extrapolate(window: RangeWindow, result: number, first: number, firstSeq: number, lastSeq: number, count: number, isRate: boolean): number {
  if (result === 0) return 0; // nothing to extrapolate: 0 times any factor
  const { firstTime, durationToEnd, sampledInterval, average } = window.spacing(firstSeq, lastSeq, count);
  let durationToStart = (firstTime - window.rangeStart) / 1000;
  if (result > 0 && first >= 0) {
    const durationToZero = sampledInterval * (first / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const extrapolationThreshold = average * 1.1;
  let extrapolateToInterval = sampledInterval;
  extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart : average / 2;
  extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd : average / 2;
  let factor = extrapolateToInterval / sampledInterval;
  if (isRate) factor /= (window.rangeEnd - window.rangeStart) / 1000;
  return result * factor;
}

/** `avg_over_time` (Prometheus' compensated incremental mean) or `max_over_time` over the window. */
export function ringOverTime(window: RangeWindow, series: StoredSeries, fn: 'avg' | 'max'): number | undefined {
  const { values, width } = series;
  const { timeline, start, end } = window;
  const wrap = timeline.capacity * width;
  let index = (start % timeline.capacity) * width;
  let count = 0;
  let mean = 0;
  let compensation = 0;
  let max = 0;
  for (let seq = start; seq < end; seq++) {
    const value = values[index]!;
    index += width;
    if (index >= wrap) index -= wrap;
    if (value !== value) continue;
    count++;
    if (fn === 'max') {
      if (count === 1 || value > max || max !== max) max = value;
      continue;
    }
    if (mean === Infinity || mean === -Infinity) {
      if ((value === Infinity || value === -Infinity) && mean > 0 === value > 0) continue;
      if (value !== Infinity && value !== -Infinity && value === value) continue;
    }
    // kahanSumInc, inlined: this loop runs for every sample a rule reads.
    const increment = value / count - mean / count;
    const total = mean + increment;
    compensation += Math.abs(mean) >= Math.abs(increment) ? mean - total + increment : increment - total + mean;
    mean = total;
  }
  if (count === 0) return undefined;
  if (fn === 'max') return max;
  return mean === Infinity || mean === -Infinity ? mean : mean + compensation;
}

/** Whether the series has a sample in the window (for `absent_over_time`). */
export function ringHasSample(window: RangeWindow, series: StoredSeries, offset: number): boolean {
  const capacity = window.timeline.capacity;
  for (let seq = window.start; seq < window.end; seq++) {
    const value = series.values[(seq % capacity) * series.width + offset]!;
    if (value === value) return true;
  }
  return false;
}

const firsts = new Float64Array(64);
const previous = new Float64Array(64);
const resets = new Float64Array(64);

/**
 * `rate()` of every cumulative bucket of a histogram series at once (what
 * `rate(h_bucket[w])` gives per `le` series), in one pass over the ring: the buckets of a point
 * are stored together, so they share sample times and only first value, last value and resets
 * differ. Writes `bounds.length + 1` rates into `out`; returns false below two samples.
 */
export function ringBucketRates(window: RangeWindow, series: StoredSeries, out: Float64Array): boolean {
  const { values, width } = series;
  const { timeline, start, end } = window;
  const buckets = width - HISTOGRAM_FIRST_BUCKET;
  if (buckets > firsts.length) return bucketByBucket(window, series, out);
  if (end - start >= 2 && isSteadyOver(series, start, end)) {
    // A point in every collection and no drop: first and last bucket counts, no scan.
    const first = (start % timeline.capacity) * width + HISTOGRAM_FIRST_BUCKET;
    const last = ((end - 1) % timeline.capacity) * width + HISTOGRAM_FIRST_BUCKET;
    for (let bucket = 0; bucket < buckets; bucket++) out[bucket] = extrapolate(window, values[last + bucket]! - values[first + bucket]!, values[first + bucket]!, start, end - 1, end - start, true);
    return true;
  }
  const wrap = timeline.capacity * width;
  let base = (start % timeline.capacity) * width;
  let count = 0;
  let firstSeq = 0;
  let lastSeq = 0;
  for (let seq = start; seq < end; seq++) {
    const at = base;
    base += width;
    if (base >= wrap) base -= wrap;
    if (values[at]! !== values[at]!) continue; // no point in this collection
    for (let bucket = 0; bucket < buckets; bucket++) {
      const value = values[at + HISTOGRAM_FIRST_BUCKET + bucket]!;
      if (count === 0) {
        firsts[bucket] = value;
        resets[bucket] = 0;
      } else if (value < previous[bucket]!) {
        resets[bucket] = resets[bucket]! + previous[bucket]!;
      }
      previous[bucket] = value;
    }
    if (count === 0) firstSeq = seq;
    lastSeq = seq;
    count++;
  }
  if (count < 2) return false;
  for (let bucket = 0; bucket < buckets; bucket++) {
    out[bucket] = extrapolate(window, previous[bucket]! - firsts[bucket]! + resets[bucket]!, firsts[bucket]!, firstSeq, lastSeq, count, true);
  }
  return true;
}

/** The same, one `ringRate` per bucket (histograms with more buckets than the scratch arrays hold). */
function bucketByBucket(window: RangeWindow, series: StoredSeries, out: Float64Array): boolean {
  for (let bucket = 0; bucket < series.width - HISTOGRAM_FIRST_BUCKET; bucket++) {
    const rate = ringRate(window, series, HISTOGRAM_FIRST_BUCKET + bucket, true);
    if (rate === undefined) return false;
    out[bucket] = rate;
  }
  return true;
}
