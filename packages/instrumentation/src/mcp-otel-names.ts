/**
 * Names of the transport metrics and attributes this package defines itself. No semantic convention
 * covers MCP transports, so they live under the `mcp_otel.` namespace, which the OpenTelemetry
 * registry does not use: a name under `mcp.` could collide with a future MCP convention of a
 * different shape. See `docs/metrics.md`.
 *
 * @experimental
 * @module
 */

/** Counter, `{message}`: JSON-RPC messages sent and received, by direction and kind. */
export const METRIC_MCP_OTEL_TRANSPORT_MESSAGES = 'mcp_otel.transport.messages';
/** Histogram, `By`: serialized JSON-RPC message size (opt-in, see `recordMessageSize`). */
export const METRIC_MCP_OTEL_TRANSPORT_MESSAGE_SIZE = 'mcp_otel.transport.message.size';
/** UpDownCounter, `{connection}`: transports started and not yet closed. */
export const METRIC_MCP_OTEL_TRANSPORT_ACTIVE_CONNECTIONS = 'mcp_otel.transport.active_connections';
/** UpDownCounter, `{request}`: requests sent or received that have no response yet. */
export const METRIC_MCP_OTEL_TRANSPORT_ACTIVE_REQUESTS = 'mcp_otel.transport.active_requests';
/** Histogram, `s`: time the transport's `start()` took to establish its connection. */
export const METRIC_MCP_OTEL_TRANSPORT_CONNECT_DURATION = 'mcp_otel.transport.connect.duration';
/** Counter, `{error}`: errors the transport reported (`onerror`, failed `send()` or `start()`). */
export const METRIC_MCP_OTEL_TRANSPORT_ERRORS = 'mcp_otel.transport.errors';

/** Kind of transport: `stdio`, `streamable_http`, `sse`, `websocket`, `in_memory` or `custom`. */
export const ATTR_MCP_OTEL_TRANSPORT_TYPE = 'mcp_otel.transport.type';
/** Kind of JSON-RPC message: `request`, `notification`, `response`, `error` or `invalid`. */
export const ATTR_MCP_OTEL_MESSAGE_KIND = 'mcp_otel.message.kind';

/**
 * Result type of an MCP result that is not final: `input_required`, an interim round of a
 * multi-round-trip request (protocol 2026-07-28). Set on operation metrics for those rounds only.
 */
export const ATTR_MCP_OTEL_RESULT_TYPE = 'mcp_otel.result.type';
/** `mcp_otel.result.type` value of an interim multi-round-trip result. */
export const RESULT_TYPE_VALUE_INPUT_REQUIRED = 'input_required';

/**
 * `error.type` on `mcp_otel.transport.errors` when a Streamable HTTP request's `Mcp-Method` or
 * `Mcp-Name` header disagrees with its JSON-RPC body (the body is what is measured).
 */
export const ERROR_TYPE_VALUE_HEADER_MISMATCH = 'header_mismatch';

/**
 * `error.type` when a request got no response before the SDK's timeout, or stayed in flight longer
 * than `inFlightTimeoutMs`.
 */
export const ERROR_TYPE_VALUE_TIMEOUT = 'timeout';
/** `error.type` when the sender cancelled a request (`notifications/cancelled`). */
export const ERROR_TYPE_VALUE_CANCELLED = 'cancelled';
/** `error.type` when the connection closed before the request was answered. */
export const ERROR_TYPE_VALUE_CONNECTION_CLOSED = 'connection_closed';

/** Explicit bucket boundaries (bytes) for `mcp_otel.transport.message.size`. */
export const MESSAGE_SIZE_BUCKETS: readonly number[] = Object.freeze([
  64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216,
]);

/** Value recorded instead of a name the guard does not accept (unknown method, tool, prompt, URI). */
export const VALUE_OTHER = '_OTHER';
