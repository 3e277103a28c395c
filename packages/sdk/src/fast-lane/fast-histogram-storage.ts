import type { Attributes } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import type { MetricDescriptor } from '@opentelemetry/sdk-metrics';
import { attributeKey, copyAttributes, isIdentityStable } from './attribute-key.js';
import { AttributeTrie } from './attribute-trie.js';
import { HistogramCell } from './histogram-cell.js';

/** Bucket searches scan linearly up to this many bounds, and bisect above it. */
const LINEAR_SEARCH_MAX_BOUNDS = 32;

/** OTel's overflow attribute set (sdk-metrics `DeltaMetricProcessor`). */
export const OVERFLOW_ATTRIBUTES: Readonly<Attributes> = Object.freeze({ 'otel.metric.overflow': true });

/** The histogram descriptor as the SDK exports it (`InstrumentDescriptor`: type and advice included). */
export type HistogramDescriptor = MetricDescriptor & { type: string; advice: object };

/** How one fast histogram aggregates: what OTel's view and aggregation would have decided. */
export interface StorageSettings {
  descriptor: HistogramDescriptor;
  /** Sorted, finite upper bounds: the exported `buckets.boundaries`. */
  boundaries: number[];
  recordMinMax: boolean;
  /** Attribute keys kept (a view's allow-list); `undefined` keeps all. */
  allowList: ReadonlySet<string> | undefined;
  /** Series per metric including the overflow series, as OTel's `aggregationCardinalityLimit`. */
  cardinalityLimit: number;
  /** Wall clock in ms, read once per new series (never per measurement). */
  now: () => number;
  /** Delta readers known now: each new cell gets a slot for each. */
  deltaReaders: () => number;
}

/**
 * The series of one fast histogram. A cell is found, fastest first: by the attribute object's
 * identity (frozen objects only: the last one is compared first, then a WeakMap, so no object but
 * that last one is kept alive), by the literal's keys and values in a bounded trie (no hashing, no
 * sort), else by the canonical key of the (allow-listed) attributes, as OTel hashes them. At most
 * `cardinalityLimit - 1` attribute sets get their own cell; later ones share the overflow cell
 * `{ 'otel.metric.overflow': true }`, as in OTel.
 */
export class FastHistogramStorage {
  readonly boundaries: number[];
  private readonly bounds: Float64Array;
  /** Cells by canonical key, in creation order (the order OTel reports cumulative series in). */
  private readonly byKey = new Map<string, HistogramCell>();
  private readonly byIdentity = new WeakMap<Attributes, HistogramCell>();
  /** One path per admitted attribute literal shape: bounded like the cells. */
  private readonly byLiteral: AttributeTrie<HistogramCell>;
  private emptyCell: HistogramCell | undefined;
  /** The last frozen attribute object recorded and its cell (see `record`). */
  private lastFrozen: Attributes | undefined;
  private lastFrozenCell: HistogramCell | undefined;
  private readonly overflowKey = attributeKey(OVERFLOW_ATTRIBUTES);

  constructor(readonly settings: StorageSettings) {
    this.boundaries = settings.boundaries;
    this.bounds = Float64Array.from(settings.boundaries);
    this.byLiteral = new AttributeTrie(Math.max(16, settings.cardinalityLimit));
  }

  get descriptor(): HistogramDescriptor {
    return this.settings.descriptor;
  }

  /** Every cell, in creation order. */
  cells(): IterableIterator<HistogramCell> {
    return this.byKey.values();
  }

  /** Adds a valid (non-negative, non-NaN) value to the series of `attributes`. */
  record(value: number, attributes: Attributes | undefined): void {
    let cell: HistogramCell | undefined;
    if (attributes === undefined) cell = this.emptyCell ??= this.resolve({});
    else if (attributes === this.lastFrozen) cell = this.lastFrozenCell!;
    else {
      cell = this.byIdentity.get(attributes);
      if (cell !== undefined) {
        // A frozen object mostly comes again next (one MCP operation after another): compare it
        // before hashing it into the WeakMap. Only frozen objects are remembered, so it still
        // means the same series; the one object held is released by the next different one.
        this.lastFrozen = attributes;
        this.lastFrozenCell = cell;
      } else cell = this.byLiteral.get(attributes) ?? this.resolve(attributes);
    }
    cell.count++;
    cell.sum += value;
    cell.min = Math.min(cell.min, value);
    cell.max = Math.max(cell.max, value);
    cell.counts[this.bucketOf(value)]!++;
    const deltas = cell.deltas;
    for (let i = 0; i < deltas.length; i++) {
      const slot = deltas[i]!;
      slot.sum += value;
      slot.min = Math.min(slot.min, value);
      slot.max = Math.max(slot.max, value);
    }
  }

  /**
   * Index of the first bound >= value (OTel's `binarySearchUB`): buckets are (previous, bound].
   * Up to {@link LINEAR_SEARCH_MAX_BOUNDS} bounds a forward scan, as Prometheus' client_golang does
   * below 35: latencies mostly land in the first buckets, so the scan usually stops within a few
   * well-predicted compares, where a binary search always takes log2(n) hard-to-predict ones.
   */
  private bucketOf(value: number): number {
    const bounds = this.bounds;
    const n = bounds.length;
    if (n <= LINEAR_SEARCH_MAX_BOUNDS) {
      let i = 0;
      while (i < n && bounds[i]! < value) i++;
      return i;
    }
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bounds[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The slow path, for attributes neither cache knows (once per frozen object or literal shape;
   * every time for mutable objects with array values and for overflowing sets, as in OTel):
   * allow-list, canonical key, cardinality limit, new cell.
   */
  private resolve(attributes: Attributes): HistogramCell {
    const { allowList } = this.settings;
    const filtered = allowList === undefined ? attributes : copyAttributes(attributes, allowList);
    const key = attributeKey(filtered);
    let cell = this.byKey.get(key);
    // OTel admits a new series while fewer than limit - 1 exist (the overflow series included).
    const overflow = cell === undefined && this.byKey.size >= this.settings.cardinalityLimit - 1;
    cell ??= overflow ? this.overflow() : this.create(key, filtered === attributes ? copyAttributes(attributes, undefined) : filtered);
    if (isIdentityStable(attributes)) this.byIdentity.set(attributes, cell);
    // Overflowing sets are unbounded in number: they keep taking this path, as they do in OTel.
    else if (!overflow) this.byLiteral.set(attributes, cell);
    return cell;
  }

  private overflow(): HistogramCell {
    return this.byKey.get(this.overflowKey) ?? this.create(this.overflowKey, { ...OVERFLOW_ATTRIBUTES });
  }

  private create(key: string, attributes: Attributes): HistogramCell {
    const cell = new HistogramCell(attributes, millisToHrTime(this.settings.now()), this.bounds.length + 1, this.settings.deltaReaders());
    this.byKey.set(key, cell);
    return cell;
  }
}
