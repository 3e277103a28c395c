import type { VectorSample } from './history-types.js';
import type { StoredSeries } from './stored-series.js';
import type { AggregateOp } from './vectors.js';

interface Group {
  readonly attributes: Record<string, string>;
  value: number;
  mean: number;
  count: number;
  /** The accumulation this group last took part in. */
  epoch: number;
}

/** Groups untouched for this many accumulations are forgotten (their series are gone). */
const FORGET_AFTER = 64;

/**
 * `op by (by) (...)` over series, kept between evaluations: each series' group key is computed
 * once (by series identity) and groups are reused, so evaluating a rule every interval allocates
 * nothing per series. The arithmetic is Prometheus' (2.42 engine's `aggregation`): the first value
 * starts a group, `sum` adds in order, `avg` is its incremental mean with its handling of infinities.
 */
export class GroupAccumulator {
  private readonly op: AggregateOp;
  private readonly by: readonly string[];
  private readonly keyOf = new WeakMap<StoredSeries, string>();
  private readonly groups = new Map<string, Group>();
  private epoch = 0;
  private touched: Group[] = [];
  /** The groups of the series array last prepared, by index (see `prepare`). */
  private preparedFor: readonly StoredSeries[] | undefined;
  private prepared: Group[] = [];

  constructor(op: AggregateOp, by: readonly string[]) {
    this.op = op;
    this.by = by;
  }

  /** Starts a new accumulation. */
  begin(): void {
    this.epoch++;
    this.touched = [];
    if (this.epoch % FORGET_AFTER === 0) for (const [key, group] of this.groups) if (group.epoch < this.epoch - FORGET_AFTER) this.groups.delete(key);
  }

  /**
   * Resolves the groups of `series` once for as long as the same array comes back (a
   * `SeriesMatcher` returns the same array until its series change), for `addAt`.
   */
  prepare(series: readonly StoredSeries[]): void {
    if (series === this.preparedFor) return;
    this.preparedFor = series;
    this.prepared = series.map((one) => this.groupOf(one));
  }

  /** Adds the value of `prepare`'s series number `index`. */
  addAt(index: number, value: number): void {
    this.accumulate(this.prepared[index]!, value);
  }

  add(series: StoredSeries, value: number): void {
    this.accumulate(this.groupOf(series), value);
  }

  private groupOf(series: StoredSeries): Group {
    let key = this.keyOf.get(series);
    if (key === undefined) {
      key = '';
      for (const name of this.by) key += `${series.attributes[name] ?? ''}\u0000`;
      this.keyOf.set(series, key);
    }
    return this.groups.get(key) ?? this.newGroup(key, series.attributes);
  }

  private accumulate(group: Group, value: number): void {
    if (group.epoch !== this.epoch) {
      group.epoch = this.epoch;
      group.value = value;
      group.mean = value;
      group.count = 1;
      this.touched.push(group);
      return;
    }
    group.count++;
    switch (this.op) {
      case 'sum':
        group.value += value;
        break;
      case 'max':
        if (group.value < value || group.value !== group.value) group.value = value;
        break;
      case 'min':
        if (group.value > value || group.value !== group.value) group.value = value;
        break;
      case 'avg':
        if ((group.mean === Infinity || group.mean === -Infinity) && ((value === Infinity || value === -Infinity ? group.mean > 0 === value > 0 : value === value))) break;
        group.mean += value / group.count - group.mean / group.count;
        break;
      case 'count':
        break;
    }
  }

  /** The groups of this accumulation (those `keep` accepts), in the order they were first seen in it. */
  results(keep?: (value: number) => boolean): VectorSample[] {
    const out: VectorSample[] = [];
    for (const group of this.touched) {
      const value = this.op === 'avg' ? group.mean : this.op === 'count' ? group.count : group.value;
      if (keep === undefined || keep(value)) out.push({ attributes: group.attributes, value });
    }
    return out;
  }

  private newGroup(key: string, attributes: Record<string, string>): Group {
    const groupAttributes: Record<string, string> = {};
    for (const name of this.by) {
      const value = attributes[name];
      if (value !== undefined && value !== '') groupAttributes[name] = value;
    }
    const group: Group = { attributes: groupAttributes, value: 0, mean: 0, count: 0, epoch: 0 };
    this.groups.set(key, group);
    return group;
  }
}
