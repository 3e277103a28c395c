import type { McpInstrumentationOptions } from '../options.js';
import { resolveOptions } from '../options.js';
import type { McpTransportLike } from '../transport/instrument-transport.js';
import { hookConnect } from './hook-connect.js';
import type { ProtocolLike } from './hook-connect.js';
import { McpShared } from './mcp-shared.js';
import { isProtocol } from './instrument-server.js';

/** The part of the `Client` of `@modelcontextprotocol/sdk` used here. */
export interface McpClientLike {
  connect(transport: McpTransportLike): Promise<void>;
}

/**
 * Records `mcp.client.operation.duration` (every request and notification the client sends, and the
 * server-to-client requests it answers: sampling, elicitation, roots) and `mcp.client.session.duration`
 * with `server.address` / `server.port`, plus the transport metrics. Returns the same client.
 *
 * Tool and prompt names are recorded only when they were in the latest `tools/list` / `prompts/list`
 * result; any other name is `_OTHER`. Arguments and results are never recorded.
 *
 * @throws TypeError for invalid options or a value that is not an MCP client.
 * @example
 * ```ts
 * import { Client } from '@modelcontextprotocol/sdk/client/index.js';
 * import { instrumentMcpClient } from '@mcp-otel/instrumentation';
 *
 * const client = instrumentMcpClient(new Client({ name: 'agent', version: '1.0.0' }));
 * ```
 */
export function instrumentMcpClient<T extends McpClientLike>(client: T, options?: McpInstrumentationOptions): T {
  const resolved = resolveOptions(options);
  if (!isProtocol(client) || typeof client['getServerCapabilities'] !== 'function') {
    throw new TypeError('@mcp-otel/instrumentation: instrumentMcpClient(client) needs a Client from @modelcontextprotocol/sdk; for a server use instrumentMcpServer');
  }
  hookConnect(client as unknown as ProtocolLike, new McpShared('client', resolved, {}));
  return client;
}
