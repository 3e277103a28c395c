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
