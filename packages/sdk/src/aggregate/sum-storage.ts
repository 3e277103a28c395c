import type { Attributes } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import type { DataPoint, MetricData } from '@opentelemetry/sdk-metrics';
import type { CounterHandle, UpDownCounterHandle } from '../facade/handles.js';
import { deltaStart, Storage, type Collection, type Series, type StorageSettings } from './storage.js';

/**
 * One series of a counter or up-down counter: its running total since its first recording. It is
 * also the facade's handle for that attribute set, so a recording is a check and an addition.
 */
abstract class SumSeries implements Series {
  value = 0;
  /** The storage generation of the last recording; -1 until the first (not exported before it). */
  touched = -1;
  /** The first recording (ms): the cumulative start time. */
  start = 0;

  constructor(
    readonly storage: SumStorage,
    readonly attributes: Readonly<Attributes>,
  ) {}

  get name(): string {
    return this.storage.descriptor.name;
  }

  abstract add(n: number): void;

  measure(value: number): void {
    this.add(value);
  }

  /** The first recording since the last delta collection (or ever): marks the series recorded into. */
  protected touch(storage: SumStorage): void {
    if (this.touched < 0) this.start = storage.now();
    this.touched = storage.generation;
  }
}

/** A counter series: finite values >= 0. */
export class CounterSeries extends SumSeries implements CounterHandle {
  increment(n = 1): void {
    // `n >= 0` also rejects NaN; the typeof check rejects strings and null, which compare as numbers.
    if (typeof n === 'number' && n >= 0 && n !== Infinity) {
      const storage = this.storage;
      if (this.touched !== storage.generation) this.touch(storage);
      this.value += n;
    } else this.storage.problems.reject(n);
  }

  add(n: number): void {
    this.increment(n);
  }
}

/** An up-down counter series: any finite value. */
export class UpDownCounterSeries extends SumSeries implements UpDownCounterHandle {
  add(n: number): void {
    if (typeof n === 'number' && Number.isFinite(n)) {
      const storage = this.storage;
      if (this.touched !== storage.generation) this.touch(storage);
      this.value += n;
    } else this.storage.problems.reject(n);
  }

  increment(n = 1): void {
    this.add(n);
  }

  decrement(n = 1): void {
    this.add(typeof n === 'number' ? -n : n);
  }
}

/**
 * The series of one counter or up-down counter, exported as OTel's sum aggregation would: each
 * reader at its own temporality. Cumulative: every series recorded into, its total since its first
 * recording. Delta: what each series gained since this reader's previous collection, for the
 * series recorded into since then (even when the values net to 0, as OTel reports them).
 */
export class SumStorage extends Storage<SumSeries> {
  constructor(kind: 'counter' | 'upDownCounter', settings: StorageSettings) {
    super(kind, settings);
  }

  protected create(attributes: Readonly<Attributes>): SumSeries {
    return this.kind === 'counter' ? new CounterSeries(this, attributes) : new UpDownCounterSeries(this, attributes);
  }

  collect(collection: Collection): MetricData | undefined {
    const { endTime, memory } = collection;
    const series = this.index.values;
    const points: DataPoint<number>[] = [];
    if (collection.temporality === AggregationTemporality.CUMULATIVE) {
      for (const s of series) if (s.touched >= 0) points.push({ attributes: s.attributes, startTime: millisToHrTime(s.start), endTime, value: s.value });
    } else {
      for (let i = 0; i < series.length; i++) {
        const s = series[i]!;
        if (s.touched < memory.since) continue;
        points.push({ attributes: s.attributes, startTime: deltaStart(s.start, collection), endTime, value: s.value - (memory.totals[i] ?? 0) });
        memory.totals[i] = s.value;
      }
      memory.since = ++this.generation;
    }
    if (points.length === 0) return undefined;
    const isMonotonic = this.kind === 'counter';
    return { descriptor: this.descriptor, aggregationTemporality: collection.temporality, dataPointType: DataPointType.SUM, dataPoints: points, isMonotonic };
  }
}
