/**
 * PromQL's `avg_over_time` and `max_over_time` on the samples of a range, as Prometheus 2.42
 * computes them (promql/functions.go): the average is an incremental mean with Neumaier-compensated
 * summation, which keeps results identical to Prometheus' to the last bit.
 */

/** Neumaier's compensated addition, Prometheus' `kahanSumInc`: returns `[sum, compensation]`. */
export function kahanSumInc(increment: number, sum: number, compensation: number): [number, number] {
  const total = sum + increment;
  if (Math.abs(sum) >= Math.abs(increment)) compensation += sum - total + increment;
  else compensation += increment - total + sum;
  return [total, compensation];
}

/** `avg_over_time`: `undefined` for an empty range (PromQL drops the series). */
export function avgOverTime(values: ArrayLike<number>, count: number): number | undefined {
  if (count === 0) return undefined;
  let mean = 0;
  let compensation = 0;
  for (let index = 0; index < count; index++) {
    const value = values[index]!;
    const n = index + 1;
    if (isInfinite(mean)) {
      // Inf of the same sign stays; a finite value cannot move an infinite mean.
      if (isInfinite(value) && mean > 0 === value > 0) continue;
      if (!isInfinite(value) && !Number.isNaN(value)) continue;
    }
    [mean, compensation] = kahanSumInc(value / n - mean / n, mean, compensation);
  }
  return isInfinite(mean) ? mean : mean + compensation;
}

/** `max_over_time`: `undefined` for an empty range; a NaN is replaced by any later value. */
export function maxOverTime(values: ArrayLike<number>, count: number): number | undefined {
  if (count === 0) return undefined;
  let max = values[0]!;
  for (let index = 0; index < count; index++) {
    const value = values[index]!;
    if (value > max || Number.isNaN(max)) max = value;
  }
  return max;
}

function isInfinite(value: number): boolean {
  return value === Infinity || value === -Infinity;
}
