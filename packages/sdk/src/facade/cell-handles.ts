import type { Attributes, Counter, Gauge, UpDownCounter } from '@opentelemetry/api';
import type { SumCell } from '../fast-lane/fast-sum-storage.js';
import type { Cell, CellStore } from './cell-store.js';
import type { InstrumentSlot } from './instrument-slot.js';
import type { CounterHandle, GaugeHandle, UpDownCounterHandle } from './metrics-facade.js';

/**
 * A handle that records into its own cell (a number field) instead of calling OpenTelemetry on
 * every recording. The first recording of each collection interval goes to the synchronous OTel
 * instrument at once: it opens the series in OTel's storage at its real time (start timestamps,
 * cardinality-limit admission order), exactly as before. Later ones only update the cell, which is
 * added to the same instrument when a reader collects or the provider changes. So a recording
 * costs a few field writes however many readers there are, and views, temporality and cardinality
 * limits apply exactly as with the plain instrument (docs/performance.md, "Facade handles").
 */
abstract class CellHandle<I> implements Cell<I> {
  dirty = false;
  /**
   * What later recordings of this interval left to flush: a sum (counters) or a value (gauges).
   * A sum cell in the fast lane holds its running total here instead (never flushed).
   */
  value: number;

  constructor(
    protected readonly slot: InstrumentSlot<I, unknown>,
    // The store is the slot's (reached through it: one field less per series).
    _store: CellStore<I, Cell<I>>,
    readonly attributes: Readonly<Attributes>,
    empty: number,
  ) {
    this.value = empty;
  }

  get name(): string {
    return this.slot.spec.name;
  }

  /**
   * The first recording since the last flush: queues the cell for the next flush and returns the
   * instrument of the current provider (binding to it, so a provider change is noticed here) for
   * the caller to write the recording through.
   */
  protected first(): I {
    const instrument = this.slot.current();
    this.queue();
    return instrument;
  }

  /** Queues this cell for the next flush into OTel. */
  protected queue(): void {
    this.slot.queue(this);
  }

  abstract flushInto(instrument: I): void;
}

/**
 * A counter or up-down counter cell. When the provider's fast lane takes the instrument
 * (`slot.fastSums`), the first recording admits the cell into the fast-lane storage instead, as
 * one series of it; later ones add to `value`, which readers read at collection (no OTel storage
 * per series, no flush). docs/performance.md, "Counter series in the fast lane".
 */
abstract class SumCellHandle<I extends Counter | UpDownCounter> extends CellHandle<I> implements SumCell {
  /** Fast lane: the storage generation of the last interval recorded in; -1 outside a storage. */
  touched = -1;

  /** The first recording since the last flush (OTel path) or delta collection (fast lane). */
  protected open(n: number): void {
    const instrument = this.slot.current();
    const fast = this.slot.fastSums;
    if (fast === undefined) {
      this.queue();
      instrument.add(n, this.attributes);
      return;
    }
    fast.touch(this, this.slot);
    this.value += n;
  }
}

/** Counter handle on a cell: finite values >= 0. */
export class CounterCell extends SumCellHandle<Counter> implements CounterHandle {
  constructor(slot: InstrumentSlot<Counter, unknown>, store: CellStore<Counter, Cell<Counter>>, attributes: Readonly<Attributes>) {
    super(slot, store, attributes, 0);
  }

  increment(n = 1): void {
    // `n >= 0` also rejects NaN; the typeof check rejects strings and null, which compare as numbers.
    if (typeof n === 'number' && n >= 0 && n !== Infinity) {
      if (this.dirty) this.value += n;
      else this.open(n);
    } else this.slot.reject(n);
  }

  add(n: number): void {
    this.increment(n);
  }

  flushInto(counter: Counter): void {
    const pending = this.value;
    if (pending === 0) return;
    this.value = 0;
    counter.add(pending, this.attributes);
  }
}

/** Up-down counter handle on a cell: any finite value. */
export class UpDownCounterCell extends SumCellHandle<UpDownCounter> implements UpDownCounterHandle {
  constructor(
    slot: InstrumentSlot<UpDownCounter, unknown>,
    store: CellStore<UpDownCounter, Cell<UpDownCounter>>,
    attributes: Readonly<Attributes>,
  ) {
    super(slot, store, attributes, 0);
  }

  add(n: number): void {
    if (typeof n === 'number' && Number.isFinite(n)) {
      if (this.dirty) this.value += n;
      else this.open(n);
    } else this.slot.reject(n);
  }

  increment(n = 1): void {
    this.add(n);
  }

  decrement(n = 1): void {
    this.add(typeof n === 'number' ? -n : n);
  }

  flushInto(upDownCounter: UpDownCounter): void {
    const pending = this.value;
    if (pending === 0) return;
    this.value = 0;
    upDownCounter.add(pending, this.attributes);
  }
}

/** Gauge handle on a cell: any finite value; the flush records the last one set (NaN: none since). */
export class GaugeCell extends CellHandle<Gauge> implements GaugeHandle {
  constructor(slot: InstrumentSlot<Gauge, unknown>, store: CellStore<Gauge, Cell<Gauge>>, attributes: Readonly<Attributes>) {
    super(slot, store, attributes, Number.NaN);
  }

  set(value: number): void {
    if (typeof value === 'number' && Number.isFinite(value)) {
      if (this.dirty) this.value = value;
      else this.first().record(value, this.attributes);
    } else this.slot.reject(value);
  }

  flushInto(gauge: Gauge): void {
    const last = this.value;
    if (Number.isNaN(last)) return;
    this.value = Number.NaN;
    gauge.record(last, this.attributes);
  }
}
