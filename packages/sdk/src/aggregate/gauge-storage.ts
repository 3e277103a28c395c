import type { Attributes } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import type { DataPoint, MetricData } from '@opentelemetry/sdk-metrics';
import type { GaugeHandle } from '../facade/handles.js';
import { deltaStart, Storage, type Collection, type Series, type StorageSettings } from './storage.js';

/** One series of a gauge: the last value set. It is also the facade's handle for its attribute set. */
export class GaugeSeries implements Series, GaugeHandle {
  value = 0;
  /** The storage generation of the last `set`; -1 until the first (not exported before it). */
  touched = -1;
  /** The first `set` (ms): the cumulative start time, as OTel's last-value aggregation keeps it. */
  start = 0;

  constructor(
    readonly storage: GaugeStorage,
    readonly attributes: Readonly<Attributes>,
  ) {}

  get name(): string {
    return this.storage.descriptor.name;
  }

  set(value: number): void {
    if (typeof value === 'number' && Number.isFinite(value)) {
      const storage = this.storage;
      if (this.touched !== storage.generation) {
        if (this.touched < 0) this.start = storage.now();
        this.touched = storage.generation;
      }
      this.value = value;
    } else this.storage.problems.reject(value);
  }

  measure(value: number): void {
    this.set(value);
  }
}

/**
 * The series of one synchronous gauge, exported as OTel's last-value aggregation would: cumulative
 * readers get every series set so far with its last value; delta readers the series set since
 * their previous collection.
 */
export class GaugeStorage extends Storage<GaugeSeries> {
  constructor(settings: StorageSettings) {
    super('gauge', settings);
  }

  protected create(attributes: Readonly<Attributes>): GaugeSeries {
    return new GaugeSeries(this, attributes);
  }

  collect(collection: Collection): MetricData | undefined {
    const { endTime, memory } = collection;
    const cumulative = collection.temporality === AggregationTemporality.CUMULATIVE;
    const points: DataPoint<number>[] = [];
    for (const s of this.index.values) {
      if (s.touched < (cumulative ? 0 : memory.since)) continue;
      points.push({ attributes: s.attributes, startTime: cumulative ? millisToHrTime(s.start) : deltaStart(s.start, collection), endTime, value: s.value });
    }
    if (!cumulative) memory.since = ++this.generation;
    if (points.length === 0) return undefined;
    return { descriptor: this.descriptor, aggregationTemporality: collection.temporality, dataPointType: DataPointType.GAUGE, dataPoints: points };
  }
}
