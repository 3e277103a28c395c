/**
 * The collection times of the history, in one ring shared by every series: collection number `seq`
 * lives in slot `seq % capacity` of the timeline and of each series' value buffer, so a point costs
 * its value only (8 bytes), never a timestamp of its own.
 */
export class Timeline {
  readonly capacity: number;
  private readonly times: Float64Array;
  /** Collections so far; the next one gets this number. */
  private count = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.times = new Float64Array(capacity);
  }

  /** Records a collection at `time` and returns its number. */
  push(time: number): number {
    const seq = this.count++;
    this.times[seq % this.capacity] = time;
    return seq;
  }

  /** Collections recorded since start (including those that left the ring). */
  get collections(): number {
    return this.count;
  }

  /** Number of the oldest collection still held. */
  get first(): number {
    return Math.max(0, this.count - this.capacity);
  }

  /** Time of the newest collection, or `undefined` before the first. */
  get latestTime(): number | undefined {
    return this.count === 0 ? undefined : this.time(this.count - 1);
  }

  slot(seq: number): number {
    return seq % this.capacity;
  }

  time(seq: number): number {
    return this.times[seq % this.capacity]!;
  }

  /** The collections with `from <= time <= to`, as `[start, end)` collection numbers (binary search). */
  range(from: number, to: number): [number, number] {
    return [this.firstAtOrAfter(from), this.firstAfter(to)];
  }

  /** Number of the newest collection at or before `time`, or -1. */
  latestAtOrBefore(time: number): number {
    const seq = this.firstAfter(time) - 1;
    return seq >= this.first ? seq : -1;
  }

  private firstAtOrAfter(time: number): number {
    let low = this.first;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.time(mid) < time) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private firstAfter(time: number): number {
    let low = this.first;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.time(mid) <= time) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
