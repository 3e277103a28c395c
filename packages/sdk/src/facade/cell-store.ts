import type { Attributes } from '@opentelemetry/api';
import { attributeKey } from './attribute-set.js';

/** A handle's local cell, as the store of its instrument sees it. */
export interface Cell<I> {
  /** Recorded into since the last flush, hence queued in its store. */
  dirty: boolean;
  /** The series: sanitized, frozen. */
  readonly attributes: Readonly<Attributes>;
  /** Writes what the cell holds into `instrument` and clears the pending part. */
  flushInto(instrument: I): void;
}

/** FNV-1a of `text`, cut to 30 bits so that it stays a small integer (a cheap `Map` key). */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}

/**
 * The cells of one facade instrument: one per series, at most `capacity` of them plus the one of
 * the empty set, so they are bounded like the handle cache; and the queue of cells recorded into
 * since the last flush (each at most once), so a flush touches only those. Cells are found by a
 * hash of their series key (OTel's `hashAttributes` text), checked against the key on a hit: the
 * key strings, as long as the attributes themselves, are never kept.
 */
export class CellStore<I, C extends Cell<I>> {
  private readonly byHash = new Map<number, C | C[]>();
  private count = 0;
  private queued: C[] = [];

  constructor(private readonly capacity: number) {}

  /**
   * The cell of the series `attributes` (sanitized: whatever their key order), else a new one from
   * `make`; `undefined` when the series is new and the store is full. Called on handle creation only.
   */
  cellFor(attributes: Readonly<Attributes>, make: () => C): C | undefined {
    const key = attributeKey(attributes);
    const hash = hashText(key);
    const bucket = this.byHash.get(hash);
    const same = (cell: C): boolean => attributeKey(cell.attributes) === key;
    const found = bucket === undefined ? undefined : Array.isArray(bucket) ? bucket.find(same) : same(bucket) ? bucket : undefined;
    if (found !== undefined) return found;
    if (this.count >= this.capacity && key !== '') return undefined;
    const cell = make();
    this.byHash.set(hash, bucket === undefined ? cell : Array.isArray(bucket) ? [...bucket, cell] : [bucket, cell]);
    this.count++;
    return cell;
  }

  /** Queues `cell` for the next flush: called on its first recording since the last one. */
  queue(cell: C): void {
    cell.dirty = true;
    this.queued.push(cell);
  }

  /**
   * Writes every queued cell into `instrument` (the OTel instrument of the provider the values
   * were recorded under) and empties the queue. A cell whose write throws is dropped from this
   * flush only; the first error goes to `onError`.
   */
  flush(instrument: I, onError: (error: unknown) => void): void {
    const cells = this.queued;
    if (cells.length === 0) return;
    this.queued = [];
    let failed = false;
    for (const cell of cells) {
      cell.dirty = false;
      try {
        cell.flushInto(instrument);
      } catch (error) {
        if (!failed) onError(error);
        failed = true;
      }
    }
  }

  /** Every cell. */
  *all(): IterableIterator<C> {
    for (const bucket of this.byHash.values()) {
      if (Array.isArray(bucket)) yield* bucket;
      else yield bucket;
    }
  }

  /** Number of cells. */
  get size(): number {
    return this.count;
  }
}
