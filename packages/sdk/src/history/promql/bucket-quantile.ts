/**
 * PromQL's `histogram_quantile` over classic (`le`) buckets: Prometheus 2.42's `bucketQuantile`
 * (promql/quantile.go), line for line, including its corrections for buckets that are not
 * monotonic (counts that went down through rate extrapolation) and for a quantile in the `+Inf`
 * bucket (the highest finite bound).
 */

/** One bucket: its upper bound (`le`) and its cumulative count (or rate). */
export interface Bucket {
  upperBound: number;
  count: number;
}

/** The φ-quantile of `buckets` (any order; the array is sorted and coalesced in place). */
export function bucketQuantile(q: number, buckets: Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (buckets.length === 0) return NaN;
  buckets.sort((a, b) => a.upperBound - b.upperBound);
  if (buckets[buckets.length - 1]!.upperBound !== Infinity) return NaN;

  buckets = coalesceBuckets(buckets);
  ensureMonotonic(buckets);
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  const b = searchFirst(buckets.length - 1, (index) => buckets[index]!.count >= rank);

  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound;
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** Buckets with the same upper bound, added together (the input is sorted). */
function coalesceBuckets(buckets: Bucket[]): Bucket[] {
  let last = { ...buckets[0]! };
  let index = 0;
  for (const bucket of buckets.slice(1)) {
    if (bucket.upperBound === last.upperBound) {
      last.count += bucket.count;
    } else {
      buckets[index] = last;
      last = { ...bucket };
      index++;
    }
  }
  buckets[index] = last;
  return buckets.slice(0, index + 1);
}

/** Raises every count to at least the largest count below it. */
function ensureMonotonic(buckets: Bucket[]): void {
  let max = buckets[0]!.count;
  for (let index = 1; index < buckets.length; index++) {
    const count = buckets[index]!.count;
    if (count > max) max = count;
    else if (count < max) buckets[index]!.count = max;
  }
}

/** Go's `sort.Search`: the smallest index in `[0, n)` for which `predicate` holds, else `n`. */
function searchFirst(n: number, predicate: (index: number) => boolean): number {
  let low = 0;
  let high = n;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (!predicate(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
