/**
 * Upper bound of bucket `index` at `scale` of a base-2 exponential histogram: bucket `index` holds
 * magnitudes in (base^index, base^(index+1)] with base = 2^(2^-scale). `index * 2^-scale` is exact,
 * so a boundary is bit-identical at every scale that has it (stable Prometheus `le` labels).
 */
export function exponentialUpperBound(index: number, scale: number): number {
  return 2 ** ((index + 1) * 2 ** -scale);
}

/** Lower bound of bucket `index` at `scale` (the upper bound of bucket `index - 1`). */
export function exponentialLowerBound(index: number, scale: number): number {
  return 2 ** (index * 2 ** -scale);
}

/** The base of a scale: 2^(2^-scale). */
export function exponentialBase(scale: number): number {
  return 2 ** (2 ** -scale);
}
