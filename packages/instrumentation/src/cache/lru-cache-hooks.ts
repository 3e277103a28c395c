import { reportFailure } from '../safe.js';
import { EVICT, EXPIRE } from './cache-cells.js';
import type { CacheCells } from './cache-cells.js';

/** The part of lru-cache's constructor options this module reads and extends. */
export type LruDisposeOptions<K, V> = {
  dispose?: (value: V, key: K, reason: string) => void;
};

/** Cells of each instrumented lru-cache, found from the `this` lru-cache calls `dispose` with. */
const cellsOfCache = new WeakMap<object, CacheCells>();
/** The dispose functions made here, so `instrumentCache` can tell whether a cache has them. */
const ourDisposers = new WeakSet<object>();

/**
 * Adds mcp-otel's `dispose` hook to the options of a new `LRUCache`, so that `instrumentCache`
 * counts the entries lru-cache evicts (`evict`) and lets expire (`expire`) from lru-cache's own
 * report. lru-cache takes `dispose` only in its constructor, hence this helper; your own `dispose`,
 * if any, still runs, with the same arguments and `this`.
 *
 * @example
 * ```ts
 * import { LRUCache } from 'lru-cache';
 * import { instrumentCache, lruCacheHooks } from '@mcp-otel/instrumentation';
 *
 * const forecasts = instrumentCache(new LRUCache<string, string>(lruCacheHooks({ max: 500, ttl: 60_000 })), { name: 'forecasts' });
 * ```
 */
export function lruCacheHooks<O extends object>(options: O): O {
  const own = (options as LruDisposeOptions<unknown, unknown>).dispose;
  const dispose = function (this: unknown, value: unknown, key: unknown, reason: string): void {
    countDisposal(this, reason);
    if (typeof own === 'function') own.call(this, value, key, reason);
  };
  ourDisposers.add(dispose);
  return { ...options, dispose };
}

function countDisposal(cache: unknown, reason: string): void {
  try {
    const cells = typeof cache === 'object' && cache !== null ? cellsOfCache.get(cache) : undefined;
    if (cells === undefined) return;
    if (reason === 'evict') cells.evicted(EVICT);
    else if (reason === 'expire') cells.evicted(EXPIRE);
  } catch (error) {
    reportFailure('counting an lru-cache disposal', error);
  }
}

/** Connects an instrumented lru-cache to its cells; `false` when it was built without the hook. */
export function connectLruCache(cache: object, cells: CacheCells): boolean {
  cellsOfCache.set(cache, cells);
  const dispose = (cache as { dispose?: unknown }).dispose;
  return typeof dispose === 'function' && ourDisposers.has(dispose);
}
