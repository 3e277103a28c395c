import { BoundedValues } from '../bounded-values.js';
import { safeCall, warnOnce } from '../safe.js';
import type { CacheGauges } from './cache-cells.js';
import type { CacheInstrumentationOptions, CacheKeyOf, CacheValueOf, ResolvedCacheOptions } from './cache-options.js';
import { resolveCacheOptions } from './cache-options.js';
import { CacheRecorder } from './cache-recorder.js';
import { cacheTelemetry } from './cache-telemetry.js';
import { cacheKindOf } from './cache-type.js';
import type { CacheKind } from './cache-type.js';
import { connectLruCache } from './lru-cache-hooks.js';
import { wrapCustom } from './wrap-custom.js';
import { wrapKeyv } from './wrap-keyv.js';
import { lruBytes, wrapLruCache } from './wrap-lru-cache.js';
import type { LruCacheLike } from './wrap-lru-cache.js';
import { mapBytes, mapSize, wrapMap } from './wrap-map.js';

/** Cache names admitted per process; later ones are `_OTHER`, like unknown tool names. */
const MAX_CACHE_NAMES = 100;
const cacheNames = new BoundedValues(MAX_CACHE_NAMES);
/** What each instrumented cache returned, so a second call is a no-op. */
const instrumented = new WeakMap<object, object>();

/**
 * Counts the operations of a cache, its hit and miss outcomes, the entries it evicts or lets expire
 * (from the cache's own report), its size and capacity, and the duration of asynchronous operations.
 * Works on a `Map`, an `LRUCache` from lru-cache 11 (build it with {@link lruCacheHooks} to count
 * evictions), a `Keyv` from keyv 6 (any storage adapter), and any object with `get` and `set`
 * (plus optionally `delete`, `has`, `clear`), synchronous or returning promises.
 *
 * Returns the cache to use from now on: for a Map, an lru-cache or a custom cache, the same object,
 * whose methods were replaced in place by own, non-enumerable wrappers; for a Keyv, a Proxy of it
 * (see docs/metrics.md). Results, thrown errors, rejected promises, `this` and types are the
 * cache's own. Keys and values are never recorded.
 *
 * @throws TypeError for invalid options or a value that is not a cache.
 * @example
 * ```ts
 * import { instrumentCache } from '@mcp-otel/instrumentation';
 *
 * const sessions = instrumentCache(new Map<string, { userId: string }>(), { name: 'sessions' });
 * sessions.get('abc'); // mcp_otel.cache.operations{mcp_otel.cache.operation="get", mcp_otel.cache.outcome="miss"} + 1
 * ```
 */
export function instrumentCache<C extends object>(cache: C, options: CacheInstrumentationOptions<CacheKeyOf<C>, CacheValueOf<C>>): C {
  const resolved = resolveCacheOptions(options);
  const kind = cacheKindOf(cache);
  if (kind === undefined) {
    throw new TypeError('@mcp-otel/instrumentation: instrumentCache(cache) needs a Map, an lru-cache, a Keyv, or an object with get and set methods');
  }
  const previous = instrumented.get(cache);
  if (previous !== undefined) {
    warnOnce(`instrumentCache twice ${resolved.name}`, `instrumentCache: cache "${resolved.name}" is already instrumented; the second call changes nothing`);
    return previous as C;
  }
  const name = cacheNames.admit(resolved.name);
  if (name !== resolved.name) warnOnce('instrumentCache names', `instrumentCache: more than ${MAX_CACHE_NAMES} cache names; "${resolved.name}" and later ones are recorded as ${name}`);
  const telemetry = cacheTelemetry.for(resolved.meterProvider);
  const cells = telemetry.cellsFor(name, resolved.type ?? kind);
  const recorder = new CacheRecorder(telemetry, cells, resolved.meterProvider !== undefined);
  safeCall('creating the cache instruments', () => telemetry.instruments(), undefined, undefined, undefined);
  const result = wrapCache(cache, kind, recorder, resolved);
  cells.watch(cache, gaugesOf(kind, resolved));
  instrumented.set(cache, result);
  if (result !== cache) instrumented.set(result, result);
  return result;
}

function wrapCache<C extends object>(cache: C, kind: CacheKind, recorder: CacheRecorder, options: ResolvedCacheOptions): C {
  switch (kind) {
    case 'map':
      wrapMap(cache as unknown as Map<unknown, unknown>, recorder);
      return cache;
    case 'lru-cache':
      if (!connectLruCache(cache, recorder.cells)) {
        warnOnce(
          `lru-cache without hooks ${options.name}`,
          `instrumentCache: lru-cache "${options.name}" was built without lruCacheHooks(), so its evictions and expirations are not counted; build it as new LRUCache(lruCacheHooks({ ... }))`,
        );
      }
      wrapLruCache(cache as unknown as LruCacheLike, recorder);
      return cache;
    case 'keyv':
      return wrapKeyv(cache, recorder);
    case 'custom':
      wrapCustom(cache, recorder);
      return cache;
  }
}

/** The gauge readers of a cache; each takes the cache as an argument (it is held weakly). */
function gaugesOf(kind: CacheKind, options: ResolvedCacheOptions): CacheGauges {
  const { capacity, entries, bytes } = options;
  const gauges: CacheGauges = {};
  const sizer = typeof bytes === 'function' ? bytes : undefined;
  if (entries !== undefined) gauges.entries = () => entries();
  if (capacity !== undefined) gauges.entriesLimit = () => capacity;
  if (kind === 'map') {
    gauges.entries ??= mapSize;
    if (sizer !== undefined) gauges.memoryUsage = (cache) => mapBytes(cache, sizer);
  } else if (kind === 'lru-cache') {
    const lru = (cache: object) => cache as LruCacheLike;
    gauges.entries ??= (cache) => lru(cache).size;
    gauges.entriesLimit ??= (cache) => positive(lru(cache).max);
    if (sizer !== undefined) gauges.memoryUsage = (cache) => lruBytes(lru(cache), sizer);
    if (bytes === 'library') {
      gauges.memoryUsage = (cache) => (positive(lru(cache).maxSize) === undefined ? undefined : lru(cache).calculatedSize);
      gauges.memoryLimit = (cache) => positive(lru(cache).maxSize);
    }
  } else if (kind === 'custom') {
    gauges.entries ??= (cache) => numeric((cache as { size?: unknown }).size);
    if (sizer !== undefined) gauges.memoryUsage = (cache) => iterableBytes(cache, sizer);
  }
  return gauges;
}

const positive = (value: unknown) => (typeof value === 'number' && value > 0 ? value : undefined);
const numeric = (value: unknown) => (typeof value === 'number' ? value : undefined);

function iterableBytes(cache: object, sizer: (value: unknown, key: unknown) => number): number | undefined {
  const entries = (cache as { entries?: unknown }).entries;
  if (typeof entries !== 'function') return undefined;
  let bytes = 0;
  for (const [key, value] of (entries as () => Iterable<[unknown, unknown]>).call(cache)) bytes += sizer(value, key);
  return bytes;
}
