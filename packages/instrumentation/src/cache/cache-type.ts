/** The kinds of cache `instrumentCache` tells apart by shape (never by class name: bundlers rename classes). */
export type CacheKind = 'map' | 'lru-cache' | 'keyv' | 'custom';

const isFunction = (value: unknown) => typeof value === 'function';

/**
 * The kind of `cache`, or `undefined` when it is not a cache (it needs at least `get` and `set`).
 * lru-cache is known by `peek`, `purgeStale` and `getRemainingTTL`; Keyv by its `*Many` methods, its
 * events and its `hooks` and `stats`.
 */
export function cacheKindOf(cache: unknown): CacheKind | undefined {
  if (cache instanceof Map) return 'map';
  if (typeof cache !== 'object' || cache === null) return undefined;
  const c = cache as Record<string, unknown>;
  if (!isFunction(c['get']) || !isFunction(c['set'])) return undefined;
  if (isFunction(c['peek']) && isFunction(c['purgeStale']) && isFunction(c['getRemainingTTL'])) return 'lru-cache';
  if (['getMany', 'setMany', 'deleteMany', 'hasMany', 'on'].every((m) => isFunction(c[m])) && 'hooks' in c && 'stats' in c) return 'keyv';
  return 'custom';
}
