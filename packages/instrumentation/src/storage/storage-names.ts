/**
 * Names of the storage metrics and attributes no convention covers: bytes moved and space used.
 * The operation duration itself is the convention's `db.client.operation.duration`
 * (`storage-semconv.ts`). See `docs/metrics.md`.
 *
 * @experimental
 * @module
 */

/** Counter, `By`: bytes read from and written to the storage, where a value has a size. */
export const METRIC_MCP_OTEL_STORAGE_IO = 'mcp_otel.storage.io';
/** UpDownCounter, `By`: space the storage uses, from the `usage` option (or the adapter). */
export const METRIC_MCP_OTEL_STORAGE_USAGE = 'mcp_otel.storage.usage';
/** UpDownCounter, `By`: the space the storage may use, from the `usage` option. */
export const METRIC_MCP_OTEL_STORAGE_LIMIT = 'mcp_otel.storage.limit';
/** Gauge, `1`: usage divided by limit, when both are known. */
export const METRIC_MCP_OTEL_STORAGE_UTILIZATION = 'mcp_otel.storage.utilization';

/** The `name` given to `instrumentStorage`, telling apart two stores of one system. */
export const ATTR_MCP_OTEL_STORAGE_NAME = 'mcp_otel.storage.name';
/** Direction of `mcp_otel.storage.io`: `read` or `write`. */
export const ATTR_MCP_OTEL_STORAGE_IO_DIRECTION = 'mcp_otel.storage.io.direction';
