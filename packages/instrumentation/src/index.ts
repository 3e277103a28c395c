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
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_MCP_RESOURCE_URI,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
  ATTR_RPC_RESPONSE_STATUS_CODE,
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
  ERROR_TYPE_VALUE_TIMEOUT,
  ERROR_TYPE_VALUE_CANCELLED,
  ERROR_TYPE_VALUE_CONNECTION_CLOSED,
  MESSAGE_SIZE_BUCKETS,
  VALUE_OTHER,
} from './mcp-otel-names.js';
export { VERSION } from './version.js';
