/**
 * What one delta reader accumulates in a histogram series between two of its collections. Count
 * and bucket counts come from differencing the series' integer totals against `seenCount` /
 * `seenCounts` (exact); sum, min and max are kept per interval, because a difference of running
 * float sums loses precision and min/max cannot be differenced at all.
 */
export class HistogramDelta {
  sum = 0;
  min = Infinity;
  max = -Infinity;
  /** False until the reader's first collection of the series, which reports the series' totals. */
  open = false;
  /** The series' count at this reader's previous collection. */
  seenCount = 0;
  private readonly seenCounts: Float64Array;

  constructor(buckets: number) {
    this.seenCounts = new Float64Array(buckets);
  }

  add(value: number): void {
    this.sum += value;
    this.min = Math.min(this.min, value);
    this.max = Math.max(this.max, value);
  }

  /** The bucket counts gained since this reader's previous collection. */
  counts(totals: Float64Array): number[] {
    return Array.from(totals, (count, i) => count - this.seenCounts[i]!);
  }

  /** Starts a new interval now: the reader's next report is what is recorded from here on. */
  restart(count: number, totals: Float64Array): void {
    this.open = true;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.seenCount = count;
    this.seenCounts.set(totals);
  }
}
