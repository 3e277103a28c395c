import type { Attributes, Meter } from '@opentelemetry/api';
import { EMPTY_ATTRIBUTES, sanitizeAttributes } from './attribute-set.js';
import type { CellFlusher, FlushableSlot } from './cell-flusher.js';
import { CellStore, type Cell } from './cell-store.js';
import { fastSumStorageOf, FastSumInstrument } from '../fast-lane/fast-sum.js';
import type { FastSumStorage, SumCell } from '../fast-lane/fast-sum-storage.js';
import { HandleCache } from './handle-cache.js';
import type { MeterSource } from './meter-source.js';
import { describeValue, type WarnOnce } from './warn-once.js';

/** The instrument kinds of the facade. */
export type InstrumentKind = 'counter' | 'upDownCounter' | 'gauge' | 'histogram' | 'summary';

/** Which values a kind accepts. */
export type ValueRule = 'nonNegative' | 'finite';

/** Creates the OTel instrument of one slot on a meter. */
export type CreateInstrument<I> = (meter: Meter, name: string) => I;

/** Creates a cell-backed handle of a slot, recording into `store`. */
export type MakeCell<I, H> = (slot: InstrumentSlot<I, H>, store: CellStore<I, Cell<I>>, attributes: Readonly<Attributes>) => H & Cell<I>;

/** Problems warned once per slot (bit flags, so the bad-value path allocates nothing). */
const NOT_A_NUMBER = 1;
const NAN = 2;
const INFINITE = 4;
const NEGATIVE = 8;

/** Static description of a slot, fixed at creation. */
export interface SlotSpec<I, H> {
  kind: InstrumentKind;
  name: string;
  meterName: string;
  rule: ValueRule;
  /** `false` for an invalid name: the slot never creates an instrument. */
  valid: boolean;
  create: CreateInstrument<I>;
  noop: I;
  /** A handle that calls the OTel instrument on every recording. */
  makeHandle(slot: InstrumentSlot<I, H>, attributes: Readonly<Attributes>): H;
  /**
   * Cell-backed kinds (counters, up-down counters, gauges): a handle recording into a local cell,
   * written into the OTel instrument at collection. Only cached slots use it.
   */
  makeCell?: MakeCell<I, H>;
  /**
   * Counters and up-down counters: when the provider's fast lane offers a storage for the OTel
   * instrument, the series live in the cells and the fast lane exports them (handles past the
   * cell bound write into the same storage).
   */
  fastSum?: boolean;
}

/**
 * One facade instrument, i.e. one (kind, name): the OTel instrument of the current provider epoch,
 * a bounded cache of handles by attribute set and, for cell-backed kinds, their bounded cells.
 */
export class InstrumentSlot<I, H> implements FlushableSlot {
  private instrument: I;
  private epoch = -1;
  private warned = 0;
  private fast: FastSumStorage | undefined;
  private readonly handles: HandleCache<H>;
  private readonly cells: { store: CellStore<I, H & Cell<I>>; make: MakeCell<I, H>; flusher: CellFlusher } | undefined;

  /**
   * `flusher` is given to cached slots only (an uncached slot is rebuilt per call, so it calls OTel
   * on every recording); with it, a cell-backed kind with a valid name gets cells.
   */
  constructor(
    readonly spec: SlotSpec<I, H>,
    readonly source: MeterSource,
    private readonly warnOnce: WarnOnce,
    private readonly maxHandles: number,
    flusher?: CellFlusher,
  ) {
    this.instrument = spec.noop;
    this.handles = new HandleCache<H>(maxHandles);
    const make = spec.makeCell;
    if (flusher !== undefined && make !== undefined && spec.valid) {
      this.cells = { store: new CellStore<I, H & Cell<I>>(maxHandles), make, flusher };
      flusher.register(this);
    }
  }

  get boundEpoch(): number {
    return this.epoch;
  }

  /** Cells held: at most the handle bound, plus one for the empty set (0 without cells). */
  get cellCount(): number {
    return this.cells?.store.size ?? 0;
  }

  /** The fast-lane storage of the current binding, if the fast lane took this counter. */
  get fastSums(): FastSumStorage | undefined {
    return this.fast;
  }

  /**
   * Writes the queued cells into the OTel instrument of the epoch they were recorded under. In the
   * fast lane there is nothing to write; once the provider has changed, the cells leave the old
   * storage (which keeps what they held) and start again from 0 under the new provider.
   */
  flush(): void {
    const cells = this.cells;
    if (cells === undefined) return;
    const fast = this.fast;
    if (fast === undefined) cells.store.flush(this.instrument, cells.flusher.onError);
    else if (this.source.epoch !== this.epoch) this.release(fast, cells.store);
  }

  private release(fast: FastSumStorage, store: CellStore<I, H & Cell<I>>): void {
    const admitted = new Set<SumCell>();
    for (const cell of store.all()) {
      const sum = cell as unknown as SumCell;
      if (sum.touched >= 0) admitted.add(sum);
    }
    this.fast = undefined;
    fast.release(admitted);
  }

  /** The instrument for the source's current epoch, created on first use after each change. */
  current(): I {
    const epoch = this.source.epoch;
    if (epoch === this.epoch) return this.instrument;
    // Values still held belong to the previous provider (normally flushed already at the change).
    this.flush();
    this.epoch = epoch;
    this.instrument = this.spec.noop;
    this.fast = undefined;
    if (!this.spec.valid) return this.instrument;
    try {
      const meter = this.source.meter(this.spec.meterName);
      if (meter !== undefined) {
        this.instrument = this.spec.create(meter, this.spec.name);
        this.fast = this.spec.fastSum === true ? fastSumStorageOf(this.instrument) : undefined;
        // Handles without a cell write into the fast storage too: one stream per counter.
        if (this.fast !== undefined) this.instrument = new FastSumInstrument(this.fast) as I;
        else this.cells?.flusher.watch(epoch, meter);
      }
    } catch (error) {
      this.warnOnce.warn(`${this.spec.kind}\u0000${this.spec.name}\u0000create`, () =>
        `mcp-otel: could not create ${this.spec.kind} "${this.spec.name}" (${String(error)}); its values are dropped.`,
      );
    }
    return this.instrument;
  }

  /**
   * The handle for `attributes`, cached (up to the bound) by attribute set. A cell-backed slot
   * gives every series one cell handle, whatever the key order it is asked with; past the bound
   * of cells, handles call OTel directly (counted all the same, at OTel's cost).
   */
  handle(attributes: Attributes | undefined): H {
    try {
      return this.handleOf(attributes);
    } catch (error) {
      // An attribute object whose getters or proxy traps throw: the host's mistake never throws
      // back into it; the set is dropped (the measurements still count, without attributes).
      this.warnOnce.warn(`${this.spec.kind}\u0000${this.spec.name}\u0000unreadable`, () =>
        `mcp-otel: ${this.spec.kind} "${this.spec.name}": its attributes could not be read (${describeError(error)}); they were dropped. Pass a plain object of attribute values.`,
      );
      return this.handleOf(undefined);
    }
  }

  private handleOf(attributes: Attributes | undefined): H {
    const cached = this.handles.get(attributes);
    if (cached !== undefined) return cached;
    const clean =
      attributes === undefined || attributes === null
        ? EMPTY_ATTRIBUTES
        : sanitizeAttributes(attributes, this.spec.name, this.warnOnce);
    const handle = this.cells === undefined ? this.spec.makeHandle(this, clean) : this.cellHandle(this.cells, clean);
    if (!this.handles.set(attributes, handle)) {
      this.warnOnce.warn(`${this.spec.kind}\u0000${this.spec.name}\u0000full`, () =>
        `mcp-otel: ${this.spec.kind} "${this.spec.name}" has more than ${this.maxHandles} attribute sets; ` +
          'further handles are not cached (values are still recorded). Keep the handle you get, or use fewer distinct attribute values.',
      );
    }
    return handle;
  }

  /** Queues `cell` (one of this slot's) for the next flush: on its first recording since the last. */
  queue(cell: Cell<I>): void {
    this.cells?.store.queue(cell as H & Cell<I>);
  }

  /** The cell of the series `clean` (shared by every key order); past the bound, a direct handle. */
  private cellHandle({ store, make }: NonNullable<typeof this.cells>, clean: Readonly<Attributes>): H {
    return store.cellFor(clean, () => make(this, store, clean)) ?? this.spec.makeHandle(this, clean);
  }

  /** Drops a bad value: warns once per problem for this slot. Never throws. */
  reject(value: unknown): void {
    const problem =
      typeof value !== 'number' ? NOT_A_NUMBER : Number.isNaN(value) ? NAN : !Number.isFinite(value) ? INFINITE : NEGATIVE;
    if ((this.warned & problem) !== 0) return;
    this.warned |= problem;
    const fix =
      this.spec.rule === 'finite'
        ? 'Pass a finite number.'
        : this.spec.kind === 'counter'
          ? 'Pass a finite number >= 0 (use an upDownCounter for values that go down).'
          : 'Record a finite number >= 0.';
    this.warnOnce.warn(`${this.spec.kind}\u0000${this.spec.name}\u0000value${problem}`, () =>
      `mcp-otel: ${this.spec.kind} "${this.spec.name}" got ${describeValue(value)}; the value was dropped ` +
        `(values recorded before are kept). ${fix}`,
    );
  }
}

/** The message of a thrown value, without trusting it (its getters and `toString` may throw too). */
function describeError(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  } catch {
    return 'an error';
  }
}
