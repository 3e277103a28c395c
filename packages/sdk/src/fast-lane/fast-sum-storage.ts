import type { Attributes } from '@opentelemetry/api';
import type { MetricDescriptor } from '@opentelemetry/sdk-metrics';
import { attributeKey, copyAttributes } from './attribute-key.js';
import { OVERFLOW_ATTRIBUTES } from './fast-histogram-storage.js';

/** The sum descriptor as the SDK exports it (`InstrumentDescriptor`: type and advice included). */
export type SumDescriptor = MetricDescriptor & { type: string; advice: object };

/**
 * A recording cell kept by its owner (a facade handle): `value` is its running total while it is
 * a member of a storage, where it may stand as a series itself.
 */
export interface SumCell {
  readonly attributes: Readonly<Attributes>;
  value: number;
  /**
   * True once recorded into since the last delta collection; the owner's recording path calls
   * {@link FastSumStorage.touch} when it finds it false (once per cell and interval).
   */
  dirty: boolean;
  /**
   * The storage's `generation` when last recorded into (see {@link FastSumStorage.touch}); -1
   * while the cell is in no storage.
   */
  touched: number;
}

/** One exported series: its attributes, start time (ms) and running total. */
export type SumSeries = SumCell | StoredSum;

/** A series the storage owns: values added directly, plus member cells merged into it. */
export class StoredSum {
  value = 0;
  members: SumCell[] | undefined;
  touched = 0;

  constructor(readonly attributes: Readonly<Attributes>) {}
}

/** The last generation `series` (or one of its member cells) was recorded into. */
export function seriesTouched(series: SumSeries): number {
  if (!(series instanceof StoredSum) || series.members === undefined) return series.touched;
  let touched = series.touched;
  for (const member of series.members) touched = Math.max(touched, member.touched);
  return touched;
}

/** The running total of a series. */
export function seriesTotal(series: SumSeries): number {
  if (!(series instanceof StoredSum) || series.members === undefined) return series.value;
  let total = series.value;
  for (const member of series.members) total += member.value;
  return total;
}

/** How one fast sum aggregates: what OTel's view and aggregation would have decided. */
export interface SumSettings {
  descriptor: SumDescriptor;
  monotonic: boolean;
  /** Attribute keys kept (a view's allow-list); `undefined` keeps all. */
  allowList: ReadonlySet<string> | undefined;
  /** Series per metric including the overflow series, as OTel's `aggregationCardinalityLimit`. */
  cardinalityLimit: number;
  /** Wall clock in ms, read once per new series. */
  now: () => number;
}

/** FNV-1a of `text`, cut to 30 bits (a small-integer `Map` key; the key string is not kept). */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}

/**
 * The series of one counter or up-down counter in the fast lane. Recording happens in cells owned
 * elsewhere (facade handles): a cell is admitted once, at its first recording, and from then on
 * its owner only adds to `cell.value`; readers read the totals. While every cell comes from one
 * owner (whose cells are one per attribute set already) and there is no allow-list, each admitted
 * cell is its own series and nothing is indexed (the memory win). Anything else (an allow-list,
 * a second owner, direct adds) switches to an index by attribute hash, where cells of one series
 * are merged by summing. Past `cardinalityLimit - 1` series, new sets join OTel's overflow series.
 */
export class FastSumStorage {
  /** Series in creation order (the order OTel reports them in); indexes never change. */
  readonly series: SumSeries[] = [];
  /** Start time (ms: the first recording) of each series, by index (unboxed doubles). */
  readonly starts: number[] = [];
  private keyed: Map<number, number | number[]> | undefined;
  private owner: unknown;
  private overflowIndex = -1;
  /**
   * Bumped by every delta collection, which also clears every cell's `dirty` flag: a delta reader
   * reports the series recorded into since its own previous collection (`touched` at or after the
   * generation it left), even when the values added net to 0, as OTel does.
   */
  generation = 0;

  constructor(readonly settings: SumSettings) {
    if (settings.allowList !== undefined) this.keyed = new Map();
  }

  get descriptor(): SumDescriptor {
    return this.settings.descriptor;
  }

  /**
   * The first recording of `cell` (owned by `owner`) since the last delta collection: marks it
   * recorded into, admitting it on its very first one. The caller then adds the value itself.
   */
  touch(cell: SumCell, owner: unknown): void {
    const admitted = cell.touched >= 0;
    cell.dirty = true;
    cell.touched = this.generation;
    if (admitted) return;
    this.owner ??= owner;
    if (this.keyed === undefined && owner === this.owner) {
      if (this.full()) this.join(this.overflow(), cell);
      else this.push(cell);
      return;
    }
    this.join(this.seriesFor(cell.attributes), cell);
  }

  /** Adds `value` to the series of `attributes` directly (handles without a cell). */
  add(value: number, attributes: Readonly<Attributes>): void {
    const series = this.seriesFor(attributes);
    series.value += value;
    series.touched = this.generation;
  }

  /** Starts a new delta interval (called by a delta reader after reading): see `generation`. */
  nextGeneration(): number {
    for (const series of this.series) {
      if (!(series instanceof StoredSum)) series.dirty = false;
      else if (series.members !== undefined) for (const member of series.members) member.dirty = false;
    }
    return ++this.generation;
  }

  /**
   * Takes `cells` out (their owner moves to another provider): what they hold stays here, frozen
   * into storage-owned series, and the cells start again from 0.
   */
  release(cells: ReadonlySet<SumCell>): void {
    for (let i = 0; i < this.series.length; i++) {
      const series = this.series[i]!;
      if (series instanceof StoredSum) {
        if (series.members === undefined) continue;
        for (const member of series.members) if (cells.has(member)) series.value += member.value;
        series.members = series.members.filter((member) => !cells.has(member));
      } else if (cells.has(series)) {
        const frozen = new StoredSum(series.attributes);
        frozen.value = series.value;
        frozen.touched = series.touched;
        this.series[i] = frozen;
      }
    }
    for (const cell of cells) {
      cell.value = 0;
      cell.touched = -1;
      cell.dirty = false;
    }
  }

  private join(series: StoredSum, cell: SumCell): void {
    (series.members ??= []).push(cell);
  }

  private full(): boolean {
    // OTel admits a new series while fewer than limit - 1 exist (the overflow series included).
    return this.series.length >= this.settings.cardinalityLimit - 1;
  }

  /** The storage-owned series of `attributes` (allow-listed), created or overflowing as in OTel. */
  private seriesFor(attributes: Readonly<Attributes>): StoredSum {
    const keyed = this.index();
    const { allowList } = this.settings;
    const filtered = allowList === undefined ? attributes : copyAttributes(attributes, allowList);
    const key = attributeKey(filtered);
    const hash = hashText(key);
    const bucket = keyed.get(hash);
    for (const index of bucket === undefined ? [] : Array.isArray(bucket) ? bucket : [bucket]) {
      if (attributeKey(this.series[index]!.attributes) === key) return this.stored(index);
    }
    if (this.full()) return this.overflow();
    const frozen = Object.isFrozen(filtered) ? filtered : Object.freeze(filtered === attributes ? copyAttributes(attributes, undefined) : filtered);
    const series = new StoredSum(frozen);
    this.insert(hash, series);
    return series;
  }

  /** The series at `index` as a storage-owned one (a cell standing alone becomes its first member). */
  private stored(index: number): StoredSum {
    const series = this.series[index]!;
    if (series instanceof StoredSum) return series;
    const stored = new StoredSum(series.attributes);
    stored.members = [series];
    stored.touched = series.touched;
    this.series[index] = stored;
    return stored;
  }

  private insert(hash: number, series: StoredSum): void {
    const keyed = this.index();
    const index = this.push(series);
    const bucket = keyed.get(hash);
    keyed.set(hash, bucket === undefined ? index : Array.isArray(bucket) ? [...bucket, index] : [bucket, index]);
  }

  /** The attribute index, built from the series held when first needed. */
  private index(): Map<number, number | number[]> {
    if (this.keyed !== undefined) return this.keyed;
    const keyed = new Map<number, number | number[]>();
    this.keyed = keyed;
    this.series.forEach((series, index) => {
      if (index === this.overflowIndex) return;
      const hash = hashText(attributeKey(series.attributes));
      const bucket = keyed.get(hash);
      keyed.set(hash, bucket === undefined ? index : Array.isArray(bucket) ? [...bucket, index] : [bucket, index]);
    });
    return keyed;
  }

  private overflow(): StoredSum {
    if (this.overflowIndex >= 0) return this.stored(this.overflowIndex);
    const series = new StoredSum(OVERFLOW_ATTRIBUTES);
    this.overflowIndex = this.push(series);
    return series;
  }

  /** Appends a new series starting now; returns its index. */
  private push(series: SumSeries): number {
    this.starts.push(this.settings.now());
    return this.series.push(series) - 1;
  }
}
