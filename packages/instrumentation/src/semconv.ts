/**
 * Names copied from the OpenTelemetry semantic conventions for the Model Context Protocol
 * (`open-telemetry/semantic-conventions-genai`, `model/mcp/*.yaml`, `docs/gen-ai/mcp.md`) and the
 * general registry they reference. The MCP conventions have status Development, so the names are
 * copied here instead of imported (the npm constants for MCP are deprecated in place); a test holds
 * every constant against `docs/metrics.md`.
 *
 * @experimental The MCP conventions may still change; these constants follow them.
 * @module
 */

/** @experimental Histogram, `s`: MCP request or notification duration as observed on the sender until the response or ack. */
export const METRIC_MCP_CLIENT_OPERATION_DURATION = 'mcp.client.operation.duration';
/** @experimental Histogram, `s`: MCP request or notification duration as observed on the receiver until the result or ack is sent. */
export const METRIC_MCP_SERVER_OPERATION_DURATION = 'mcp.server.operation.duration';
/** @experimental Histogram, `s`: the duration of the MCP session as observed on the MCP client. */
export const METRIC_MCP_CLIENT_SESSION_DURATION = 'mcp.client.session.duration';
/** @experimental Histogram, `s`: the duration of the MCP session as observed on the MCP server. */
export const METRIC_MCP_SERVER_SESSION_DURATION = 'mcp.server.session.duration';

/** @experimental The name of the request or notification method (Required). */
export const ATTR_MCP_METHOD_NAME = 'mcp.method.name';
/** @experimental The version of the Model Context Protocol used. */
export const ATTR_MCP_PROTOCOL_VERSION = 'mcp.protocol.version';
/** @experimental The value of the resource URI (Opt-In on metrics). */
export const ATTR_MCP_RESOURCE_URI = 'mcp.resource.uri';
/** @experimental Name of the tool the operation is about. */
export const ATTR_GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
/** @experimental Name of the prompt the operation is about. */
export const ATTR_GEN_AI_PROMPT_NAME = 'gen_ai.prompt.name';
/** @experimental The GenAI operation; set to `execute_tool` for tool calls only. */
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
/** @experimental `gen_ai.operation.name` value for `tools/call`. */
export const GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL = 'execute_tool';
/** @experimental The JSON-RPC error code of an error response, as a string. */
export const ATTR_RPC_RESPONSE_STATUS_CODE = 'rpc.response.status_code';

/** Describes a class of error the operation ended with (stable in the general registry). */
export const ATTR_ERROR_TYPE = 'error.type';
/** `error.type` fallback value. */
export const ERROR_TYPE_VALUE_OTHER = '_OTHER';
/** @experimental `error.type` for a `tools/call` result with `isError: true`. */
export const ERROR_TYPE_VALUE_TOOL_ERROR = 'tool_error';

/** OSI transport layer: `pipe` for stdio, `tcp` for HTTP (stable). */
export const ATTR_NETWORK_TRANSPORT = 'network.transport';
/** Application protocol below MCP, lowercase: `http`, `websocket` (stable). */
export const ATTR_NETWORK_PROTOCOL_NAME = 'network.protocol.name';
/** Version of `network.protocol.name`: `1.1`, `2` (stable). */
export const ATTR_NETWORK_PROTOCOL_VERSION = 'network.protocol.version';
/** Direction of a network operation: `transmit` or `receive` (stable; used on our transport metrics). */
export const ATTR_NETWORK_IO_DIRECTION = 'network.io.direction';
/** Server domain name or IP address, as the client sees it (stable). */
export const ATTR_SERVER_ADDRESS = 'server.address';
/** Server port, set when `server.address` is (stable). */
export const ATTR_SERVER_PORT = 'server.port';

/**
 * @experimental Explicit bucket boundaries (seconds) the MCP conventions specify for all four MCP
 * histograms.
 */
export const MCP_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300,
]);
