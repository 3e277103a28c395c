import { millisToHrTime } from '@opentelemetry/core';
import { emptyResource } from '@opentelemetry/resources';
import { AggregationTemporality, InstrumentType } from '@opentelemetry/sdk-metrics';
import type { CollectionResult, MetricData, MetricProducer, ScopeMetrics } from '@opentelemetry/sdk-metrics';
import type { ReaderMemory, Series, Storage } from '../aggregate/storage.js';
import type { StorageRegistry } from '../aggregate/storage-registry.js';

/** A reader's temporality per instrument type (a push exporter's `selectAggregationTemporality`). */
export type TemporalitySelector = (instrumentType: InstrumentType) => AggregationTemporality;

const EMPTY_RESOURCE = emptyResource();

/**
 * What one reader collects of our series: passed in that reader's `metricProducers`, so OTel's
 * reader asks it at each collection, next to its own storages. Each storage reports its series at
 * this reader's temporality for the storage's instrument type (storage files say how), remembering
 * what this reader saw for its next delta. Readers collect independently: a second reader costs
 * nothing per measurement. A failure comes back in `errors`, which the reader reports.
 */
export class SeriesProducer implements MetricProducer {
  private lastCollection: number | undefined;
  private readonly memories = new WeakMap<Storage<Series>, ReaderMemory>();
  private readonly deltaIndex: number;

  constructor(
    private readonly registry: StorageRegistry,
    private readonly temporalityOf: TemporalitySelector = () => AggregationTemporality.CUMULATIVE,
  ) {
    this.deltaIndex = temporalityOf(InstrumentType.HISTOGRAM) === AggregationTemporality.DELTA ? registry.nextDeltaIndex() : -1;
  }

  collect(): Promise<CollectionResult> {
    try {
      return Promise.resolve({ resourceMetrics: { resource: EMPTY_RESOURCE, scopeMetrics: this.collectScopes() }, errors: [] });
    } catch (error) {
      return Promise.resolve({ resourceMetrics: { resource: EMPTY_RESOURCE, scopeMetrics: [] }, errors: [error] });
    }
  }

  private collectScopes(): ScopeMetrics[] {
    const now = this.registry.now();
    const endTime = millisToHrTime(now);
    const scopeMetrics: ScopeMetrics[] = [];
    for (const { scope, storages } of this.registry.scopes.values()) {
      const metrics: MetricData[] = [];
      for (const storage of storages.values()) {
        const metric = storage.collect({
          temporality: this.temporalityOf(storage.descriptor.type),
          endTime,
          lastCollection: this.lastCollection,
          memory: this.memoryOf(storage),
          deltaIndex: this.deltaIndex,
        });
        if (metric !== undefined) metrics.push(metric);
      }
      if (metrics.length > 0) scopeMetrics.push({ scope, metrics });
    }
    this.lastCollection = now;
    return scopeMetrics;
  }

  private memoryOf(storage: Storage<Series>): ReaderMemory {
    let memory = this.memories.get(storage);
    if (memory === undefined) {
      memory = { since: 0, totals: [] };
      this.memories.set(storage, memory);
    }
    return memory;
  }
}
