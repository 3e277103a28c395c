import type { Attributes } from '@opentelemetry/api';
import { BoundedValues, errorTypeOf } from '../bounded-values.js';
import { safeCall } from '../safe.js';
import { ATTR_ERROR_TYPE } from '../semconv.js';
import { ATTR_MCP_OTEL_CACHE_EVICTION_REASON, ATTR_MCP_OTEL_CACHE_NAME, ATTR_MCP_OTEL_CACHE_OPERATION, ATTR_MCP_OTEL_CACHE_OUTCOME, ATTR_MCP_OTEL_CACHE_TYPE } from './cache-names.js';

/** Operation slots: a read with its outcome, or a write. Index into `CacheCells.counts`. */
export const GET_HIT = 0;
export const GET_MISS = 1;
export const HAS_HIT = 2;
export const HAS_MISS = 3;
export const PEEK_HIT = 4;
export const PEEK_MISS = 5;
export const SET = 6;
export const DELETE = 7;
export const CLEAR = 8;
export type OperationSlot = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const SLOTS: readonly (readonly [string, string | undefined])[] = [
  ['get', 'hit'], ['get', 'miss'], ['has', 'hit'], ['has', 'miss'], ['peek', 'hit'], ['peek', 'miss'],
  ['set', undefined], ['delete', undefined], ['clear', undefined],
];

/** Reasons a cache removes entries on its own. */
export const EVICT = 0;
export const EXPIRE = 1;
export type EvictionReason = 0 | 1;
const REASONS = ['evict', 'expire'] as const;

/**
 * What one instrumented cache reports at collection. Each reader gets the cache as its argument (the
 * cache is held through a WeakRef, so a reader must not capture it).
 */
export interface CacheGauges {
  entries?: (cache: object) => number | undefined;
  entriesLimit?: (cache: object) => number | undefined;
  memoryUsage?: (cache: object) => number | undefined;
  memoryLimit?: (cache: object) => number | undefined;
}

const GAUGE_KEYS = ['entries', 'entriesLimit', 'memoryUsage', 'memoryLimit'] as const;

type Source = { readonly ref: WeakRef<object>; readonly gauges: CacheGauges };
type Cell = { count: number; readonly attributes: Attributes };

/** Values summed over the live caches of one cells object. */
export interface GaugeTotals {
  entries: number | undefined;
  entriesLimit: number | undefined;
  memoryUsage: number | undefined;
  memoryLimit: number | undefined;
}

/**
 * Plain-number counters of every cache sharing a name and type. Wrappers only increment numbers
 * here; observable instruments read them at collection, so a cache operation costs no attribute
 * hashing. Caches are referenced weakly: a dropped cache stops counting in the gauges, while what it
 * did stays in the cumulative counters.
 */
export class CacheCells {
  readonly base: Readonly<Attributes>;
  readonly counts = new Float64Array(SLOTS.length);
  readonly operationAttributes: readonly Attributes[];
  readonly evictions = new Float64Array(REASONS.length);
  readonly evictionAttributes: readonly Attributes[];
  private readonly errors = new Map<string, Cell>();
  private readonly errorTypes = new BoundedValues(32);
  private readonly sources = new Set<Source>();
  private readonly durationErrorAttributes = new Map<string, Attributes>();
  /** Frozen attributes of `mcp_otel.cache.operation.duration`, by operation name. */
  readonly durationAttributes: Readonly<Record<string, Attributes>>;

  constructor(name: string, type: string) {
    this.base = Object.freeze({ [ATTR_MCP_OTEL_CACHE_NAME]: name, [ATTR_MCP_OTEL_CACHE_TYPE]: type });
    this.operationAttributes = SLOTS.map(([operation, outcome]) =>
      Object.freeze(outcome === undefined ? { ...this.base, [ATTR_MCP_OTEL_CACHE_OPERATION]: operation } : { ...this.base, [ATTR_MCP_OTEL_CACHE_OPERATION]: operation, [ATTR_MCP_OTEL_CACHE_OUTCOME]: outcome }),
    );
    this.evictionAttributes = REASONS.map((reason) => Object.freeze({ ...this.base, [ATTR_MCP_OTEL_CACHE_EVICTION_REASON]: reason }));
    const durationAttributes: Record<string, Attributes> = {};
    for (const [operation] of SLOTS) durationAttributes[operation] ??= Object.freeze({ ...this.base, [ATTR_MCP_OTEL_CACHE_OPERATION]: operation });
    this.durationAttributes = Object.freeze(durationAttributes);
  }

  evicted(reason: EvictionReason, count = 1): void {
    this.evictions[reason] = (this.evictions[reason] ?? 0) + count;
  }

  /** Counts a failed operation (`operation` is `get`, `set`, ...; `undefined` when the cache does not say). */
  failed(operation: string | undefined, error: unknown): void {
    const type = this.errorTypes.admit(errorTypeOf(error));
    const key = `${operation ?? ''}|${type}`;
    let cell = this.errors.get(key);
    if (cell === undefined) {
      const attributes: Attributes = { ...this.base, [ATTR_ERROR_TYPE]: type };
      if (operation !== undefined) attributes[ATTR_MCP_OTEL_CACHE_OPERATION] = operation;
      cell = { count: 0, attributes: Object.freeze(attributes) };
      this.errors.set(key, cell);
    }
    cell.count++;
  }

  /** Frozen duration attributes of a failed operation (one object per operation and error type). */
  durationErrorAttributesOf(operation: string, error: unknown): Attributes {
    const type = this.errorTypes.admit(errorTypeOf(error));
    const key = `${operation}|${type}`;
    let attributes = this.durationErrorAttributes.get(key);
    if (attributes === undefined) {
      attributes = Object.freeze({ ...this.base, [ATTR_MCP_OTEL_CACHE_OPERATION]: operation, [ATTR_ERROR_TYPE]: type });
      this.durationErrorAttributes.set(key, attributes);
    }
    return attributes;
  }

  /** Adds a cache whose gauges this cells object reports. */
  watch(cache: object, gauges: CacheGauges): void {
    this.sources.add({ ref: new WeakRef(cache), gauges });
  }

  /** Sums the gauges of the caches still alive; each gauge is `undefined` when no cache reports it. */
  gaugeTotals(): GaugeTotals {
    const totals: GaugeTotals = { entries: undefined, entriesLimit: undefined, memoryUsage: undefined, memoryLimit: undefined };
    for (const source of this.sources) {
      const cache = source.ref.deref();
      if (cache === undefined) {
        this.sources.delete(source);
        continue;
      }
      for (const key of GAUGE_KEYS) {
        const gauge = source.gauges[key];
        const value = gauge === undefined ? undefined : safeCall(`reading ${key} of cache ${String(this.base[ATTR_MCP_OTEL_CACHE_NAME])}`, gauge, cache, undefined, undefined);
        if (typeof value === 'number' && Number.isFinite(value)) totals[key] = (totals[key] ?? 0) + value;
      }
    }
    return totals;
  }

  /** The error cells, for the observable callback. */
  errorCells(): Iterable<Cell> {
    return this.errors.values();
  }
}
