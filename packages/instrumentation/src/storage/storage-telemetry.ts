import type { Attributes, BatchObservableCallback, Histogram, Meter, MeterProvider, Observable } from '@opentelemetry/api';
import { PerProvider, ProviderBound } from '../provider-bound.js';
import { safeCall } from '../safe.js';
import { METRIC_MCP_OTEL_STORAGE_IO, METRIC_MCP_OTEL_STORAGE_LIMIT, METRIC_MCP_OTEL_STORAGE_USAGE, METRIC_MCP_OTEL_STORAGE_UTILIZATION } from './storage-names.js';
import type { StorageUsage } from './storage-options.js';
import { DB_DURATION_BUCKETS, METRIC_DB_CLIENT_OPERATION_DURATION } from './storage-semconv.js';

/** Meter (instrumentation scope) of the storage metrics; the `components` key is `storage`. */
export const STORAGE_METER_NAME = '@mcp-otel/instrumentation/storage';

/** A cumulative byte count with its frozen attributes. */
export type IoCell = { bytes: number; readonly attributes: Attributes };

type UsageSource = { readonly ref: WeakRef<object>; readonly usage: () => StorageUsage | undefined; readonly attributes: Attributes };

type Instruments = { readonly meter: Meter; readonly duration: Histogram; readonly observables: Observable[]; readonly callback: BatchObservableCallback };

/**
 * The storage metrics of one meter provider. Durations are recorded as operations end (through the
 * SDK's histogram fast lane, where there is one); byte counts are plain numbers in {@link IoCell}s,
 * shared by every backend with the same attributes and reported at collection with the usage of the
 * backends still alive.
 */
export class StorageTelemetry {
  private readonly io = new Map<string, IoCell>();
  private readonly usages = new Set<UsageSource>();
  private readonly bound: ProviderBound<Instruments>;

  constructor(injected: MeterProvider | undefined) {
    this.bound = new ProviderBound(
      injected,
      STORAGE_METER_NAME,
      (meter) => this.createInstruments(meter),
      (old) => old.meter.removeBatchObservableCallback(old.callback, old.observables),
    );
  }

  /** The duration histogram of the current provider (also moves the observers to a new global one). */
  duration(): Histogram {
    return this.bound.get().duration;
  }

  ioCell(key: string, attributes: Attributes): IoCell {
    let cell = this.io.get(key);
    if (cell === undefined) {
      cell = { bytes: 0, attributes: Object.freeze({ ...attributes }) };
      this.io.set(key, cell);
    }
    return cell;
  }

  /** Reports `usage()` for `backend` while it is alive. */
  watchUsage(backend: object, usage: () => StorageUsage | undefined, attributes: Attributes): void {
    this.usages.add({ ref: new WeakRef(backend), usage, attributes: Object.freeze({ ...attributes }) });
    this.bound.get();
  }

  private createInstruments(meter: Meter): Instruments {
    const io = meter.createObservableCounter(METRIC_MCP_OTEL_STORAGE_IO, { description: 'Bytes read from and written to the storage, where a value has a size.', unit: 'By' });
    const usage = meter.createObservableUpDownCounter(METRIC_MCP_OTEL_STORAGE_USAGE, { description: 'Space the storage uses.', unit: 'By' });
    const limit = meter.createObservableUpDownCounter(METRIC_MCP_OTEL_STORAGE_LIMIT, { description: 'Space the storage may use.', unit: 'By' });
    const utilization = meter.createObservableGauge(METRIC_MCP_OTEL_STORAGE_UTILIZATION, { description: 'Space used divided by the limit.', unit: '1' });
    const observables: Observable[] = [io, usage, limit, utilization];
    const callback: BatchObservableCallback = (result) => {
      for (const cell of this.io.values()) if (cell.bytes > 0) result.observe(io, cell.bytes, cell.attributes);
      for (const source of this.usages) {
        if (source.ref.deref() === undefined) {
          this.usages.delete(source);
          continue;
        }
        const value = safeCall('reading the usage option of instrumentStorage', source.usage, undefined, undefined, undefined);
        const used = finite(value?.used);
        const max = finite(value?.limit);
        if (used !== undefined) result.observe(usage, used, source.attributes);
        if (max !== undefined) result.observe(limit, max, source.attributes);
        if (used !== undefined && max !== undefined && max > 0) result.observe(utilization, used / max, source.attributes);
      }
    };
    meter.addBatchObservableCallback(callback, observables);
    return {
      meter,
      observables,
      callback,
      duration: meter.createHistogram(METRIC_DB_CLIENT_OPERATION_DURATION, {
        description: 'Duration of database client operations.',
        unit: 's',
        advice: { explicitBucketBoundaries: [...DB_DURATION_BUCKETS] },
      }),
    };
  }
}

const finite = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);

/** One telemetry per injected provider, one for the global provider. */
export const storageTelemetry = new PerProvider((injected) => new StorageTelemetry(injected));
