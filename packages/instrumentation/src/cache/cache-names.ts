/**
 * Names of the cache metrics and attributes. No semantic convention covers application caches, so
 * they are ours, under `mcp_otel.cache.`; see `docs/metrics.md`.
 *
 * @experimental
 * @module
 */

/** Counter, `{operation}`: cache operations by operation and, for reads, outcome (`hit`, `miss`). */
export const METRIC_MCP_OTEL_CACHE_OPERATIONS = 'mcp_otel.cache.operations';
/** Histogram, `s`: duration of the operations of asynchronous caches (Keyv, async custom stores). */
export const METRIC_MCP_OTEL_CACHE_OPERATION_DURATION = 'mcp_otel.cache.operation.duration';
/** Counter, `{entry}`: entries the cache removed on its own, by reason (`evict`, `expire`). */
export const METRIC_MCP_OTEL_CACHE_EVICTIONS = 'mcp_otel.cache.evictions';
/** Counter, `{error}`: operations that failed, including store errors a cache swallows (Keyv). */
export const METRIC_MCP_OTEL_CACHE_ERRORS = 'mcp_otel.cache.errors';
/** UpDownCounter, `{entry}`: entries in the cache. */
export const METRIC_MCP_OTEL_CACHE_ENTRIES = 'mcp_otel.cache.entries';
/** UpDownCounter, `{entry}`: the most entries the cache holds (its capacity), when configured. */
export const METRIC_MCP_OTEL_CACHE_ENTRIES_LIMIT = 'mcp_otel.cache.entries.limit';
/** UpDownCounter, `By`: memory the entries take, from the `bytes` option. */
export const METRIC_MCP_OTEL_CACHE_MEMORY_USAGE = 'mcp_otel.cache.memory.usage';
/** UpDownCounter, `By`: the cache's size limit, when it has one in bytes (`bytes: 'library'`). */
export const METRIC_MCP_OTEL_CACHE_MEMORY_LIMIT = 'mcp_otel.cache.memory.limit';

/** The name given to `instrumentCache`; at most 100 distinct names per process, then `_OTHER`. */
export const ATTR_MCP_OTEL_CACHE_NAME = 'mcp_otel.cache.name';
/** The kind of cache: `map`, `lru-cache`, `keyv` or `custom`, or the `type` option. */
export const ATTR_MCP_OTEL_CACHE_TYPE = 'mcp_otel.cache.type';
/** `get`, `set`, `delete`, `clear`, `has`, `peek`. */
export const ATTR_MCP_OTEL_CACHE_OPERATION = 'mcp_otel.cache.operation';
/** Outcome of a read (`get`, `has`, `peek`): `hit` or `miss`. */
export const ATTR_MCP_OTEL_CACHE_OUTCOME = 'mcp_otel.cache.outcome';
/** Why the cache removed an entry itself: `evict` (capacity) or `expire` (TTL). */
export const ATTR_MCP_OTEL_CACHE_EVICTION_REASON = 'mcp_otel.cache.eviction.reason';

/** Explicit bucket boundaries (seconds) of `mcp_otel.cache.operation.duration`. */
export const CACHE_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
]);
