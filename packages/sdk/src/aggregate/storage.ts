import type { Attributes, HrTime, MetricAdvice } from '@opentelemetry/api';
import { ValueType } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import type { AggregationTemporality, InstrumentType, MetricData, MetricDescriptor } from '@opentelemetry/sdk-metrics';
import type { SeriesKind } from '../plan/route.js';
import { SeriesIndex, type Keyed } from './series-index.js';
import { attributeKey, EMPTY_ATTRIBUTES, frozenCopy, isIdentityStable, OVERFLOW_ATTRIBUTES } from './series-key.js';
import { ValueProblems } from './value-problems.js';

/** The descriptor as OTel exports it (its `InstrumentDescriptor`: type and advice included). */
export type SeriesDescriptor = MetricDescriptor & { type: InstrumentType; advice: MetricAdvice };

/** How one storage aggregates: what OTel's view and reader would have decided (see plan/route.ts). */
export interface StorageSettings {
  descriptor: SeriesDescriptor;
  /** Attribute keys kept (a component's allow-list); `undefined` keeps all. */
  allowList: ReadonlySet<string> | undefined;
  /** Series including the overflow series, as OTel's `aggregationCardinalityLimit`. */
  cardinalityLimit: number;
  /** Wall clock in ms, read once per new series and once per collection, never per measurement. */
  now: () => number;
}

/** What one reader remembers of one storage between its delta collections. */
export interface ReaderMemory {
  /** The storage generation this reader's interval started at. */
  since: number;
  /** Sums: each series' running total at this reader's previous collection, by series index. */
  totals: number[];
}

/** One reader's collection of one storage (export/series-producer.ts builds it). */
export interface Collection {
  readonly temporality: AggregationTemporality;
  readonly endTime: HrTime;
  /** This reader's previous collection (ms); `undefined` on its first. */
  readonly lastCollection: number | undefined;
  readonly memory: ReaderMemory;
  /** This reader's slot in each histogram series (delta readers only). */
  readonly deltaIndex: number;
}

/** One series: what the facade hands out as a handle, and what a storage exports one point for. */
export interface Series extends Keyed {
  readonly name: string;
  /** Records `value` as the instrument's kind does (add, set, record), checking it first. */
  measure(value: number): void;
}

/**
 * The series of one instrument (and of every instrument registered with a compatible descriptor,
 * as in OTel). Finds a series by attribute set through its {@link SeriesIndex}; admits at most
 * `cardinalityLimit - 1` sets, then gives later ones OTel's overflow series, for good (OTel 2.12
 * admits again in each interval; see docs/performance.md). A subclass per kind says how a series
 * records and what a reader collects.
 */
export abstract class Storage<S extends Series> {
  /** Bumped by each delta collection of sums and gauges: a series records the one it was touched in. */
  generation = 0;
  readonly index: SeriesIndex<S>;
  readonly problems: ValueProblems;
  /** `ValueType.INT`: fractional values are truncated (API callers only; the facade records doubles). */
  readonly integer: boolean;
  private readonly overflowKey = attributeKey(OVERFLOW_ATTRIBUTES);

  constructor(
    readonly kind: SeriesKind,
    readonly settings: StorageSettings,
  ) {
    this.index = new SeriesIndex<S>(settings.cardinalityLimit - 1);
    this.problems = new ValueProblems(kind, () => this.settings.descriptor.name);
    this.integer = settings.descriptor.valueType === ValueType.INT;
  }

  get descriptor(): SeriesDescriptor {
    return this.settings.descriptor;
  }

  /** A compatible registration with a longer description wins, as in OTel. */
  describe(description: string): void {
    if (description.length > this.descriptor.description.length) this.settings.descriptor = { ...this.descriptor, description };
  }

  now(): number {
    return this.settings.now();
  }

  /** The series of `attributes` as an OTel API caller gives them (OTel's series identity). */
  seriesFor(attributes: Readonly<Attributes> | undefined): S {
    return this.index.cached(attributes) ?? this.resolve(attributes ?? EMPTY_ATTRIBUTES, attributes);
  }

  /** The facade's handle: the series of `raw`, sanitized by `clean` when not found by identity or path. */
  handleFor(raw: Readonly<Attributes> | undefined, clean: (raw: Readonly<Attributes> | undefined) => Readonly<Attributes>): S {
    return this.index.cached(raw, true) ?? this.resolve(clean(raw), raw);
  }

  /** The slow path: allow-list, canonical key, cardinality limit, new series. */
  private resolve(attributes: Readonly<Attributes>, source: Readonly<Attributes> | undefined): S {
    const { allowList } = this.settings;
    const exported = allowList === undefined && isIdentityStable(attributes) ? attributes : frozenCopy(attributes, allowList);
    const key = attributeKey(exported);
    let series = this.index.byKey(key);
    const overflow = series === undefined && this.index.size >= this.index.capacity;
    if (overflow) series = this.overflow();
    else if (series === undefined) {
      series = this.create(exported);
      this.index.add(series);
    }
    this.index.remember(source, series, !overflow);
    return series;
  }

  private overflow(): S {
    let series = this.index.byKey(this.overflowKey);
    if (series === undefined) {
      series = this.create(OVERFLOW_ATTRIBUTES);
      this.index.add(series, true);
    }
    return series;
  }

  /** A new series of `attributes` (frozen, allow-listed). */
  protected abstract create(attributes: Readonly<Attributes>): S;

  /** What one reader collects of this storage; `undefined` when there is no point to export. */
  abstract collect(collection: Collection): MetricData | undefined;
}

/** The start time of a delta point: the reader's previous collection, or the series' start if later. */
export function deltaStart(start: number, collection: Collection): HrTime {
  const last = collection.lastCollection;
  return millisToHrTime(last !== undefined && start <= last ? last : start);
}
