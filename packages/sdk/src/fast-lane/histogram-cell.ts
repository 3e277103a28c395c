import type { Attributes, HrTime } from '@opentelemetry/api';

/**
 * What one delta reader accumulates in a cell between two of its collections. Count and bucket
 * counts come from differencing the cell's integer totals against `seenCount` / `seenCounts`
 * (exact); sum, min and max are kept per interval, because a difference of running float sums
 * loses precision and min/max cannot be differenced at all.
 */
export class DeltaSlot {
  sum = 0;
  min = Infinity;
  max = -Infinity;
  /** False until the reader's first collection of the cell, which reports the cell's totals. */
  open = false;
  /** The cell's totals at this reader's previous collection. */
  seenCount = 0;
  readonly seenCounts: Float64Array;

  constructor(buckets: number) {
    this.seenCounts = new Float64Array(buckets);
  }
}

/**
 * One series of a fast histogram: the cumulative explicit-bucket aggregation since the cell was
 * created (at its first valid measurement), updated in place. Readers only read it.
 */
export class HistogramCell {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  readonly counts: Float64Array;
  /** One slot per delta reader, indexed by the reader's slot number; usually none or one. */
  readonly deltas: DeltaSlot[] = [];

  constructor(
    /** The exported attributes (already filtered by the allow-list); never mutated. */
    readonly attributes: Attributes,
    /** The first measurement's wall-clock time: the cumulative start time. */
    readonly startTime: HrTime,
    buckets: number,
    deltaReaders: number,
  ) {
    this.counts = new Float64Array(buckets);
    for (let i = 0; i < deltaReaders; i++) this.deltas.push(new DeltaSlot(buckets));
  }

  /** The slot of delta reader `index`; a reader added after the cell was created gets one here. */
  deltaSlot(index: number): DeltaSlot {
    while (this.deltas.length <= index) this.deltas.push(new DeltaSlot(this.counts.length));
    return this.deltas[index]!;
  }

  /** Starts a new interval of `slot` now: the reader's next report is what is recorded from here on. */
  restartDelta(slot: DeltaSlot): void {
    slot.open = true;
    slot.sum = 0;
    slot.min = Infinity;
    slot.max = -Infinity;
    slot.seenCount = this.count;
    slot.seenCounts.set(this.counts);
  }
}
