/**
 * Divides integer counts by the sampling rate `p` and rounds them so the result stays consistent:
 * each running total `c` becomes `round(c / p)` and each count the difference of two such totals.
 * Rounding is monotone, so no count goes negative, cumulative buckets stay monotone, and the
 * grand total is `round(total / p)`: the `+Inf` bucket equals the scaled count.
 */
export class CountScaler {
  private raw = 0;
  private scaled = 0;

  constructor(private readonly rate: number) {}

  /** The scaled value of the next count in the sequence. */
  next(count: number): number {
    this.raw += count;
    const total = Math.round(this.raw / this.rate);
    const scaled = total - this.scaled;
    this.scaled = total;
    return scaled;
  }

  /** The scaled counts of a sequence of counts, continuing the running total. */
  all(counts: readonly number[]): number[] {
    return counts.map((count) => this.next(count));
  }
}

/** `count` scaled alone, as `CountScaler` scales the same total. */
export function scaleCount(count: number, rate: number): number {
  return Math.round(count / rate);
}
