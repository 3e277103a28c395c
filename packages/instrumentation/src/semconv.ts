/**
 * Names copied from the OpenTelemetry semantic conventions for the Model Context Protocol and the
 * general registry they reference. The MCP conventions live in
 * https://github.com/open-telemetry/semantic-conventions-genai (they left the main
 * `semantic-conventions` repository with their names unchanged); followed as of these commits:
 * `docs/gen-ai/mcp.md` at 1e01e830ef3c17b939ab7db8d25c7061e4239c0b, `model/mcp/metrics.yaml` at
 * 14567fad6858f82588325657c4bb262fafc885bd, `model/mcp/common.yaml` at
 * 997a19cc9be3bcd54fe4f45213df8c274f4776f0, and `gen_ai.execute_tool.duration` from
 * `docs/gen-ai/gen-ai-metrics.md` at 004902b8cb70aa5ae6ca4ae07132b7daabcd3e10. Changes still open
 * there are listed in `docs/metrics.md` ("Pending changes in the conventions").
 *
 * The conventions have status Development, so the names are copied here instead of imported (the
 * npm `@opentelemetry/semantic-conventions` marks its MCP constants deprecated in place); a test
 * holds every constant against `docs/metrics.md`.
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

/**
 * @experimental Histogram, `s`: the duration of a single tool execution (gen-ai tool metrics). Opt-in
 * here (`recordExecuteToolDuration`), recorded by the server for `tools/call`.
 */
export const METRIC_GEN_AI_EXECUTE_TOOL_DURATION = 'gen_ai.execute_tool.duration';

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
/**
 * @experimental The `jsonrpc` member of the messages, Recommended "when it's not `2.0`". Never set by
 * this package: a message whose `jsonrpc` is not `"2.0"` is not MCP, neither SDK line answers it,
 * and it is counted as `mcp_otel.message.kind=invalid` instead.
 */
export const ATTR_JSONRPC_PROTOCOL_VERSION = 'jsonrpc.protocol.version';
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

/** @experimental Explicit bucket boundaries (seconds) the conventions specify for `gen_ai.execute_tool.duration`. */
export const EXECUTE_TOOL_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
]);
