export { instrumentMcpServer } from './mcp/instrument-server.js';
export type { McpServerLike } from './mcp/instrument-server.js';
export { instrumentMcpClient } from './mcp/instrument-client.js';
export type { McpClientLike } from './mcp/instrument-client.js';
export { instrumentTransport } from './transport/instrument-transport.js';
export type { McpTransportLike } from './transport/instrument-transport.js';
export type { McpInstrumentationOptions, TransportInstrumentationOptions, TransportAttributes } from './options.js';
export { MCP_METER_NAME } from './mcp/mcp-telemetry.js';
export { TRANSPORT_METER_NAME } from './transport/transport-telemetry.js';
export { MCP_METHODS } from './mcp/mcp-methods.js';
export {
  METRIC_MCP_CLIENT_OPERATION_DURATION,
  METRIC_MCP_SERVER_OPERATION_DURATION,
  METRIC_MCP_CLIENT_SESSION_DURATION,
  METRIC_MCP_SERVER_SESSION_DURATION,
  METRIC_GEN_AI_EXECUTE_TOOL_DURATION,
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_MCP_RESOURCE_URI,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
  ATTR_RPC_RESPONSE_STATUS_CODE,
  ATTR_JSONRPC_PROTOCOL_VERSION,
  ATTR_ERROR_TYPE,
  ERROR_TYPE_VALUE_OTHER,
  ERROR_TYPE_VALUE_TOOL_ERROR,
  ATTR_NETWORK_TRANSPORT,
  ATTR_NETWORK_PROTOCOL_NAME,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_NETWORK_IO_DIRECTION,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  MCP_DURATION_BUCKETS,
  EXECUTE_TOOL_DURATION_BUCKETS,
} from './semconv.js';
export {
  METRIC_MCP_OTEL_TRANSPORT_MESSAGES,
  METRIC_MCP_OTEL_TRANSPORT_MESSAGE_SIZE,
  METRIC_MCP_OTEL_TRANSPORT_ACTIVE_CONNECTIONS,
  METRIC_MCP_OTEL_TRANSPORT_ACTIVE_REQUESTS,
  METRIC_MCP_OTEL_TRANSPORT_CONNECT_DURATION,
  METRIC_MCP_OTEL_TRANSPORT_ERRORS,
  ATTR_MCP_OTEL_TRANSPORT_TYPE,
  ATTR_MCP_OTEL_MESSAGE_KIND,
  ATTR_MCP_OTEL_RESULT_TYPE,
  RESULT_TYPE_VALUE_INPUT_REQUIRED,
  ERROR_TYPE_VALUE_HEADER_MISMATCH,
  ERROR_TYPE_VALUE_TIMEOUT,
  ERROR_TYPE_VALUE_CANCELLED,
  ERROR_TYPE_VALUE_CONNECTION_CLOSED,
  MESSAGE_SIZE_BUCKETS,
  VALUE_OTHER,
} from './mcp-otel-names.js';
export { VERSION } from './version.js';

// Cache instrumentation (Map, lru-cache, Keyv, custom caches)
export { instrumentCache } from './cache/instrument-cache.js';
export { lruCacheHooks } from './cache/lru-cache-hooks.js';
export type { CacheInstrumentationOptions, CacheKeyOf, CacheValueOf } from './cache/cache-options.js';
export { CACHE_METER_NAME } from './cache/cache-telemetry.js';
export {
  METRIC_MCP_OTEL_CACHE_OPERATIONS,
  METRIC_MCP_OTEL_CACHE_OPERATION_DURATION,
  METRIC_MCP_OTEL_CACHE_EVICTIONS,
  METRIC_MCP_OTEL_CACHE_ERRORS,
  METRIC_MCP_OTEL_CACHE_ENTRIES,
  METRIC_MCP_OTEL_CACHE_ENTRIES_LIMIT,
  METRIC_MCP_OTEL_CACHE_MEMORY_USAGE,
  METRIC_MCP_OTEL_CACHE_MEMORY_LIMIT,
  ATTR_MCP_OTEL_CACHE_NAME,
  ATTR_MCP_OTEL_CACHE_TYPE,
  ATTR_MCP_OTEL_CACHE_OPERATION,
  ATTR_MCP_OTEL_CACHE_OUTCOME,
  ATTR_MCP_OTEL_CACHE_EVICTION_REASON,
  CACHE_DURATION_BUCKETS,
} from './cache/cache-names.js';

// Storage instrumentation (db.client.operation.duration) and its adapters
export { instrumentStorage } from './storage/instrument-storage.js';
export type { StorageInstrumentationOptions, StorageOperationSpec, StorageUsage, MethodName } from './storage/storage-options.js';
export { instrumentSqlite } from './storage/adapters/sqlite.js';
export type { SqliteInstrumentationOptions, SqliteDatabaseLike, SqliteStatementLike } from './storage/adapters/sqlite.js';
export { instrumentRedis } from './storage/adapters/ioredis.js';
export type { RedisInstrumentationOptions, RedisClientLike, RedisCommandLike } from './storage/adapters/ioredis.js';
export { instrumentFileSystem } from './storage/adapters/file-system.js';
export type { FileSystemInstrumentationOptions } from './storage/adapters/file-system.js';
export { STORAGE_METER_NAME } from './storage/storage-telemetry.js';
export {
  METRIC_DB_CLIENT_OPERATION_DURATION,
  ATTR_DB_SYSTEM_NAME,
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_NAMESPACE,
  ATTR_DB_QUERY_SUMMARY,
  ATTR_DB_RESPONSE_STATUS_CODE,
  DB_DURATION_BUCKETS,
} from './storage/storage-semconv.js';
export {
  METRIC_MCP_OTEL_STORAGE_IO,
  METRIC_MCP_OTEL_STORAGE_USAGE,
  METRIC_MCP_OTEL_STORAGE_LIMIT,
  METRIC_MCP_OTEL_STORAGE_UTILIZATION,
  ATTR_MCP_OTEL_STORAGE_NAME,
  ATTR_MCP_OTEL_STORAGE_IO_DIRECTION,
} from './storage/storage-names.js';

// WebAssembly instrumentation
export { instrumentWasm, instrumentWasmInstance } from './wasm/instrument-wasm.js';
export type { WasmInstrumentationOptions, WebAssemblyLike } from './wasm/instrument-wasm.js';
export { WASM_METER_NAME } from './wasm/wasm-telemetry.js';
export type { TrapKind } from './wasm/trap-kind.js';
export {
  METRIC_MCP_OTEL_WASM_COMPILE_DURATION,
  METRIC_MCP_OTEL_WASM_INSTANTIATE_DURATION,
  METRIC_MCP_OTEL_WASM_MODULE_SIZE,
  METRIC_MCP_OTEL_WASM_CALL_DURATION,
  METRIC_MCP_OTEL_WASM_TRAPS,
  METRIC_MCP_OTEL_WASM_INSTANCES,
  METRIC_MCP_OTEL_WASM_MEMORY_SIZE,
  METRIC_MCP_OTEL_WASM_MEMORY_GROWS,
  ATTR_MCP_OTEL_WASM_MODULE_NAME,
  ATTR_MCP_OTEL_WASM_EXPORT_NAME,
  ATTR_MCP_OTEL_WASM_TRAP_KIND,
  WASM_CALL_DURATION_BUCKETS,
  WASM_LOAD_DURATION_BUCKETS,
} from './wasm/wasm-names.js';

// Component runtime instrumentation (plugins, sandboxed tools, WebAssembly components)
export { trackComponent, instrumentComponent, ComponentTracker } from './component/track-component.js';
export type { ComponentInstrumentationOptions } from './component/track-component.js';
export { COMPONENT_METER_NAME } from './component/component-telemetry.js';
export {
  METRIC_MCP_OTEL_COMPONENT_OPERATION_DURATION,
  METRIC_MCP_OTEL_COMPONENT_ACTIVE,
  METRIC_MCP_OTEL_COMPONENT_HOST_CALLS,
  ATTR_MCP_OTEL_COMPONENT_NAME,
  ATTR_MCP_OTEL_COMPONENT_OPERATION,
  ATTR_MCP_OTEL_COMPONENT_FUNCTION_NAME,
  COMPONENT_DURATION_BUCKETS,
} from './component/component-names.js';
