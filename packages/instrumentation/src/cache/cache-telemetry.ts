import type { Attributes, BatchObservableCallback, Histogram, Meter, MeterProvider, Observable } from '@opentelemetry/api';
import { PerProvider, ProviderBound } from '../provider-bound.js';
import { CacheCells } from './cache-cells.js';
import {
  CACHE_DURATION_BUCKETS,
  METRIC_MCP_OTEL_CACHE_ENTRIES,
  METRIC_MCP_OTEL_CACHE_ENTRIES_LIMIT,
  METRIC_MCP_OTEL_CACHE_ERRORS,
  METRIC_MCP_OTEL_CACHE_EVICTIONS,
  METRIC_MCP_OTEL_CACHE_MEMORY_LIMIT,
  METRIC_MCP_OTEL_CACHE_MEMORY_USAGE,
  METRIC_MCP_OTEL_CACHE_OPERATION_DURATION,
  METRIC_MCP_OTEL_CACHE_OPERATIONS,
} from './cache-names.js';

/** Meter (instrumentation scope) of the cache metrics; the `components` key is `cache`. */
export const CACHE_METER_NAME = '@mcp-otel/instrumentation/cache';

export type CacheInstruments = {
  readonly meter: Meter;
  readonly duration: Histogram;
  readonly observables: Observable[];
  readonly callback: BatchObservableCallback;
};

/**
 * The cache metrics of one meter provider: counters and gauges live in {@link CacheCells} (one per
 * cache name and type) and are reported by one batch observable callback; only the duration of
 * asynchronous operations is recorded as it happens.
 */
export class CacheTelemetry {
  private readonly cells = new Map<string, CacheCells>();
  private readonly bound: ProviderBound<CacheInstruments>;

  constructor(injected: MeterProvider | undefined) {
    this.bound = new ProviderBound(
      injected,
      CACHE_METER_NAME,
      (meter) => this.createInstruments(meter),
      (old) => old.meter.removeBatchObservableCallback(old.callback, old.observables),
    );
  }

  /** The cells shared by every cache with this name and type. */
  cellsFor(name: string, type: string): CacheCells {
    const key = `${name}\u0000${type}`;
    let cells = this.cells.get(key);
    if (cells === undefined) {
      cells = new CacheCells(name, type);
      this.cells.set(key, cells);
    }
    return cells;
  }

  /** Instruments of the current provider; calling it also moves the observers to a new global provider. */
  instruments(): CacheInstruments {
    return this.bound.get();
  }

  private createInstruments(meter: Meter): CacheInstruments {
    const operations = meter.createObservableCounter(METRIC_MCP_OTEL_CACHE_OPERATIONS, {
      description: 'Cache operations, by operation and, for reads, outcome (hit or miss).',
      unit: '{operation}',
    });
    const evictions = meter.createObservableCounter(METRIC_MCP_OTEL_CACHE_EVICTIONS, {
      description: 'Entries the cache removed on its own: evicted for capacity or expired, as the cache reported them.',
      unit: '{entry}',
    });
    const errors = meter.createObservableCounter(METRIC_MCP_OTEL_CACHE_ERRORS, {
      description: 'Cache operations that failed, including store errors the cache swallowed.',
      unit: '{error}',
    });
    const entries = meter.createObservableUpDownCounter(METRIC_MCP_OTEL_CACHE_ENTRIES, { description: 'Entries in the cache.', unit: '{entry}' });
    const entriesLimit = meter.createObservableUpDownCounter(METRIC_MCP_OTEL_CACHE_ENTRIES_LIMIT, {
      description: 'The most entries the cache holds.',
      unit: '{entry}',
    });
    const memoryUsage = meter.createObservableUpDownCounter(METRIC_MCP_OTEL_CACHE_MEMORY_USAGE, { description: 'Memory taken by the cache entries.', unit: 'By' });
    const memoryLimit = meter.createObservableUpDownCounter(METRIC_MCP_OTEL_CACHE_MEMORY_LIMIT, { description: 'Size limit of the cache.', unit: 'By' });
    const observables: Observable[] = [operations, evictions, errors, entries, entriesLimit, memoryUsage, memoryLimit];
    const callback: BatchObservableCallback = (result) => {
      const observe = (instrument: Observable, value: number | undefined, attributes: Attributes) => {
        if (value !== undefined) result.observe(instrument, value, attributes);
      };
      for (const cells of this.cells.values()) {
        cells.counts.forEach((count, slot) => {
          if (count > 0) observe(operations, count, cells.operationAttributes[slot]!);
        });
        cells.evictions.forEach((count, reason) => {
          if (count > 0) observe(evictions, count, cells.evictionAttributes[reason]!);
        });
        for (const cell of cells.errorCells()) observe(errors, cell.count, cell.attributes);
        const totals = cells.gaugeTotals();
        observe(entries, totals.entries, cells.base);
        observe(entriesLimit, totals.entriesLimit, cells.base);
        observe(memoryUsage, totals.memoryUsage, cells.base);
        observe(memoryLimit, totals.memoryLimit, cells.base);
      }
    };
    meter.addBatchObservableCallback(callback, observables);
    return {
      meter,
      observables,
      callback,
      duration: meter.createHistogram(METRIC_MCP_OTEL_CACHE_OPERATION_DURATION, {
        description: 'Duration of operations of asynchronous caches, until the returned promise settled.',
        unit: 's',
        advice: { explicitBucketBoundaries: [...CACHE_DURATION_BUCKETS] },
      }),
    };
  }
}

/** One telemetry per injected provider, one for the global provider. */
export const cacheTelemetry = new PerProvider((injected) => new CacheTelemetry(injected));
