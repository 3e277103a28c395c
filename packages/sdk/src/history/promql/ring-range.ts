import type { StoredSeries } from '../stored-series.js';
import { HISTOGRAM_FIRST_BUCKET } from '../stored-series.js';
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

/** `rate` / `increase` of one value of the series' points (`offset`) over collections `[start, end)`; `undefined` below two samples. */
export function ringRate(
  timeline: Timeline,
  series: StoredSeries,
  offset: number,
  start: number,
  end: number,
  rangeStart: number,
  rangeEnd: number,
  isRate: boolean,
): number | undefined {
  const { values, width } = series;
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
  const result = previous - first + resets;
  const firstTime = timeline.time(firstSeq);
  const lastTime = timeline.time(lastSeq);
  let durationToStart = (firstTime - rangeStart) / 1000;
  const durationToEnd = (rangeEnd - lastTime) / 1000;
  const sampledInterval = (lastTime - firstTime) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (count - 1);
  if (result > 0 && first >= 0) {
    const durationToZero = sampledInterval * (first / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  let extrapolateToInterval = sampledInterval;
  extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
  extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;
  let factor = extrapolateToInterval / sampledInterval;
  if (isRate) factor /= (rangeEnd - rangeStart) / 1000;
  return result * factor;
}

/** `avg_over_time` (Prometheus' compensated incremental mean) or `max_over_time` over `[start, end)`. */
export function ringOverTime(timeline: Timeline, series: StoredSeries, start: number, end: number, fn: 'avg' | 'max'): number | undefined {
  const { values, width } = series;
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

/** Whether the series has a sample in `[start, end)` (for `absent_over_time`). */
export function ringHasSample(timeline: Timeline, series: StoredSeries, offset: number, start: number, end: number): boolean {
  const capacity = timeline.capacity;
  for (let seq = start; seq < end; seq++) {
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
export function ringBucketRates(timeline: Timeline, series: StoredSeries, start: number, end: number, rangeStart: number, rangeEnd: number, out: Float64Array): boolean {
  const { values, width } = series;
  const buckets = width - HISTOGRAM_FIRST_BUCKET;
  if (buckets > firsts.length) return bucketByBucket(timeline, series, start, end, rangeStart, rangeEnd, out);
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
  const firstTime = timeline.time(firstSeq);
  const lastTime = timeline.time(lastSeq);
  const sampledInterval = (lastTime - firstTime) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (count - 1);
  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  const durationToEnd = (rangeEnd - lastTime) / 1000;
  const endPart = durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;
  const rangeSeconds = (rangeEnd - rangeStart) / 1000;
  for (let bucket = 0; bucket < buckets; bucket++) {
    const first = firsts[bucket]!;
    const result = previous[bucket]! - first + resets[bucket]!;
    let durationToStart = (firstTime - rangeStart) / 1000;
    if (result > 0 && first >= 0) {
      const durationToZero = sampledInterval * (first / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
    const startPart = durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
    out[bucket] = result * ((sampledInterval + startPart + endPart) / sampledInterval / rangeSeconds);
  }
  return true;
}

/** The same, one `ringRate` per bucket (histograms with more buckets than the scratch arrays hold). */
function bucketByBucket(timeline: Timeline, series: StoredSeries, start: number, end: number, rangeStart: number, rangeEnd: number, out: Float64Array): boolean {
  for (let bucket = 0; bucket < series.width - HISTOGRAM_FIRST_BUCKET; bucket++) {
    const rate = ringRate(timeline, series, HISTOGRAM_FIRST_BUCKET + bucket, start, end, rangeStart, rangeEnd, true);
    if (rate === undefined) return false;
    out[bucket] = rate;
  }
  return true;
}
