/**
 * PromQL's `rate()`, `increase()` (and the float part of `delta()`): Prometheus 2.42's
 * `extrapolatedRate` (promql/functions.go), line for line, so that a rule gives here the value a
 * real Prometheus computes from the same samples (tested against one). Written by hand because no
 * JavaScript library implements PromQL's extrapolation; the exact algorithm matters for alerts.
 *
 * Samples are the ones inside the range `[rangeStart, rangeEnd]` (ms), oldest first.
 * Returns `undefined` when there are fewer than two samples (PromQL drops the series).
 */
export function extrapolatedRate(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  count: number,
  rangeStart: number,
  rangeEnd: number,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  if (count < 2) return undefined;
  const first = values[0]!;
  const last = values[count - 1]!;
  let result = last - first;
  if (isCounter) {
    // A counter reset (a drop) adds the value before the drop, as if the counter had continued.
    let previous = first;
    for (let index = 1; index < count; index++) {
      const current = values[index]!;
      if (current < previous) result += previous;
      previous = current;
    }
  }

  // Duration between the first/last samples and the range's boundaries, in seconds.
  let durationToStart = (times[0]! - rangeStart) / 1000;
  const durationToEnd = (rangeEnd - times[count - 1]!) / 1000;
  const sampledInterval = (times[count - 1]! - times[0]!) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (count - 1);

  if (isCounter && result > 0 && first >= 0) {
    // A counter cannot go below zero: do not extrapolate further back than its zero point.
    const durationToZero = sampledInterval * (first / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }

  // Extrapolate to a boundary only when a sample is expected there (within 1.1 intervals).
  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  let extrapolateToInterval = sampledInterval;
  extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
  extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;

  let factor = extrapolateToInterval / sampledInterval;
  if (isRate) factor /= (rangeEnd - rangeStart) / 1000;
  return result * factor;
}
