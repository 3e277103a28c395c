import type { MeterProvider } from '@opentelemetry/api';
import { checkCount, checkFunction, checkKnownKeys, checkMeterProvider, checkName, checkOptionsObject, invalidOption } from '../option-checks.js';

/** The key type of a cache: the first parameter of its `get`. */
export type CacheKeyOf<C> = C extends { get(key: infer K, ...rest: never[]): unknown } ? K : unknown;
/** The value type of a cache: what its `get` returns, without `undefined` (awaited for async caches). */
export type CacheValueOf<C> = C extends { get(...args: never[]): infer R } ? Exclude<Awaited<R>, undefined> : unknown;

/** Options of {@link instrumentCache}. */
export type CacheInstrumentationOptions<K = unknown, V = unknown> = {
  /**
   * Name of the cache, the value of `mcp_otel.cache.name`. Caches with the same name and type share
   * their series. At most 100 distinct names per process; later names are recorded as `_OTHER`.
   */
  name: string;
  /**
   * Value of `mcp_otel.cache.type`.
   * @default detected: `map`, `lru-cache`, `keyv`, else `custom`
   */
  type?: string;
  /**
   * Where the metrics go. Without it the global provider is used, and re-read when it changes.
   * @default `metrics.getMeterProvider()`
   */
  meterProvider?: MeterProvider;
  /**
   * The most entries the cache holds, reported as `mcp_otel.cache.entries.limit`.
   * @default lru-cache's `max`; none for other caches
   */
  capacity?: number;
  /**
   * Number of entries, for caches that do not expose it (read at collection).
   * @default `size` of a Map or an lru-cache, or a numeric `size` property; none for Keyv
   */
  entries?: () => number;
  /**
   * Memory taken by the entries, reported as `mcp_otel.cache.memory.usage`: a function giving the
   * bytes of one entry, summed over the entries at each collection (Map, lru-cache, and caches with
   * `entries()`); or `'library'` for lru-cache's own `calculatedSize` and `maxSize`
   * (`mcp_otel.cache.memory.limit`), when its `sizeCalculation` counts bytes.
   * @default none: no memory metrics
   */
  bytes?: ((value: V, key: K) => number) | 'library';
};

/** Options after validation, every default applied. */
export type ResolvedCacheOptions = {
  name: string;
  type: string | undefined;
  meterProvider: MeterProvider | undefined;
  capacity: number | undefined;
  entries: (() => number) | undefined;
  bytes: ((value: unknown, key: unknown) => number) | 'library' | undefined;
};

const FN = 'instrumentCache';
const KEYS = ['name', 'type', 'meterProvider', 'capacity', 'entries', 'bytes'] as const;
const TYPE = /^[a-z][a-z0-9_-]{0,31}$/;

/** @throws TypeError naming the option, the value and the fix. */
export function resolveCacheOptions(options: unknown): ResolvedCacheOptions {
  const o = checkOptionsObject(FN, options, true);
  checkKnownKeys(FN, o, KEYS);
  const type = o['type'];
  if (type !== undefined && (typeof type !== 'string' || !TYPE.test(type))) invalidOption(FN, 'type', type, 'use lowercase letters, digits, _ and - (at most 32), e.g. "redis"');
  const bytes = o['bytes'];
  if (bytes !== undefined && bytes !== 'library' && typeof bytes !== 'function') invalidOption(FN, 'bytes', bytes, "pass a function (value, key) => bytes, or 'library' for lru-cache");
  return {
    name: checkName(FN, 'name', o['name'], true)!,
    type: type,
    meterProvider: checkMeterProvider(FN, o['meterProvider']),
    capacity: checkCount(FN, 'capacity', o['capacity']),
    entries: checkFunction<() => number>(FN, 'entries', o['entries']),
    bytes: bytes as ResolvedCacheOptions['bytes'],
  };
}
