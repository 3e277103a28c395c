import { ValueType } from '@opentelemetry/api';
import type { MetricOptions } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import { InstrumentType } from '@opentelemetry/sdk-metrics';
import type { Route, SeriesKind } from '../plan/route.js';
import { GaugeStorage } from './gauge-storage.js';
import { HistogramStorage } from './histogram-storage.js';
import { KeepProbability, Mulberry32 } from './keep-probability.js';
import type { Series, Storage, StorageSettings } from './storage.js';
import { SumStorage } from './sum-storage.js';

/** The storages of one meter (instrumentation scope), in creation order. */
export interface ScopeStorages {
  readonly scope: InstrumentationScope;
  readonly storages: Map<string, Storage<Series>>;
}

/** Options of a {@link StorageRegistry}. */
export interface StorageRegistryOptions {
  /** Series per instrument, overflow series included. */
  cardinalityLimit: number;
  /** Wall clock in ms. @default () => Date.now() (read at each call, so a clock faked later applies, as in OTel) */
  now?: () => number;
  /** Seed of the sampling generator (tests pass one to be deterministic). @default a random seed */
  seed?: number;
}

const INSTRUMENT_TYPES: Record<SeriesKind, InstrumentType> = {
  counter: InstrumentType.COUNTER,
  upDownCounter: InstrumentType.UP_DOWN_COUNTER,
  gauge: InstrumentType.GAUGE,
  histogram: InstrumentType.HISTOGRAM,
};

/**
 * Every storage of one pipeline, by scope and instrument: what the meter wrapper records into and
 * what each reader's producer (export/series-producer.ts) reads. Instruments registered twice with
 * a compatible descriptor share one storage, as in OTel (same kind, name ignoring case, unit and
 * value type; the longer description wins).
 */
export class StorageRegistry {
  readonly scopes = new Map<string, ScopeStorages>();
  readonly now: () => number;
  private readonly random: Mulberry32;
  private deltaReaders = 0;

  constructor(private readonly options: StorageRegistryOptions) {
    this.now = options.now ?? (() => Date.now());
    this.random = new Mulberry32(options.seed);
  }

  /** The storage of instrument `name` of `scope`, which `route` gives to our series. */
  storageFor(scope: InstrumentationScope, route: Extract<Route, { to: 'ours' }>, name: string, options: MetricOptions | undefined): Storage<Series> {
    const storages = this.scopeOf(scope).storages;
    const unit = options?.unit ?? '';
    const valueType = options?.valueType ?? ValueType.DOUBLE;
    const description = options?.description ?? '';
    const key = `${route.kind}\u0000${name.toLowerCase()}\u0000${unit}\u0000${valueType}`;
    const existing = storages.get(key);
    if (existing !== undefined) {
      existing.describe(description);
      return existing;
    }
    const settings: StorageSettings = {
      descriptor: { name, type: INSTRUMENT_TYPES[route.kind], description, unit, valueType, advice: options?.advice ?? {} },
      allowList: route.allowList,
      cardinalityLimit: this.options.cardinalityLimit,
      now: this.now,
    };
    const storage = this.create(route, settings);
    storages.set(key, storage);
    return storage;
  }

  /** A slot number for a reader collecting histograms at delta temporality. */
  nextDeltaIndex(): number {
    return this.deltaReaders++;
  }

  private create(route: Extract<Route, { to: 'ours' }>, settings: StorageSettings): Storage<Series> {
    switch (route.kind) {
      case 'counter':
      case 'upDownCounter':
        return new SumStorage(route.kind, settings);
      case 'gauge':
        return new GaugeStorage(settings);
      case 'histogram':
        return new HistogramStorage({ ...settings, boundaries: route.boundaries ?? [], keep: this.keepProbability(route.samplingRate) });
    }
  }

  /** The keep-probability of a sampled histogram, drawing from the pipeline's one generator. */
  keepProbability(rate: number): KeepProbability | undefined {
    return rate < 1 ? new KeepProbability(rate, this.random) : undefined;
  }

  private scopeOf(scope: InstrumentationScope): ScopeStorages {
    const id = `${scope.name}\u0000${scope.version ?? ''}\u0000${scope.schemaUrl ?? ''}`;
    let entry = this.scopes.get(id);
    if (entry === undefined) {
      entry = { scope, storages: new Map() };
      this.scopes.set(id, entry);
    }
    return entry;
  }
}
