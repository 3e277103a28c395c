import type { McpInstrumentationOptions } from '../options.js';
import { resolveOptions } from '../options.js';
import type { McpTransportLike } from '../transport/instrument-transport.js';
import { hookConnect } from './hook-connect.js';
import type { ProtocolLike } from './hook-connect.js';
import { McpShared } from './mcp-shared.js';
import type { Registries } from './mcp-shared.js';

/** The part of `McpServer` or the low-level `Server` of `@modelcontextprotocol/sdk` used here. */
export interface McpServerLike {
  connect(transport: McpTransportLike): Promise<void>;
}

/**
 * Records `mcp.server.operation.duration` and `mcp.server.session.duration` (plus the transport
 * metrics) for an `McpServer` or a low-level `Server`, on every transport it connects to from now on,
 * and on the one it is connected to already. Returns the same server.
 *
 * Tool and prompt names are recorded when the server registered them (McpServer) or listed them in a
 * `tools/list` / `prompts/list` result; any other name is `_OTHER`. Arguments, results, prompt
 * arguments and resource contents are never recorded.
 *
 * @throws TypeError for invalid options or a value that is not an MCP server.
 * @example
 * ```ts
 * import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
 * import { instrumentMcpServer } from '@mcp-otel/instrumentation';
 *
 * const server = instrumentMcpServer(new McpServer({ name: 'weather', version: '1.0.0' }));
 * ```
 */
export function instrumentMcpServer<T extends McpServerLike>(server: T, options?: McpInstrumentationOptions): T {
  const resolved = resolveOptions(options);
  const target = server as unknown as Record<string, unknown>;
  const inner = target['server'] as Record<string, unknown> | undefined;
  const isMcpServer = typeof target['registerTool'] === 'function' && isProtocol(inner) && typeof inner['getClientCapabilities'] === 'function';
  const protocol = isMcpServer ? inner : target;
  if (!isProtocol(protocol) || typeof protocol['getClientCapabilities'] !== 'function') {
    throw new TypeError('@mcp-otel/instrumentation: instrumentMcpServer(server) needs an McpServer or a Server from @modelcontextprotocol/sdk; for a Client use instrumentMcpClient');
  }
  const registries: Registries = isMcpServer
    ? {
        tools: () => registry(target, '_registeredTools'),
        prompts: () => registry(target, '_registeredPrompts'),
        resources: () => registry(target, '_registeredResources'),
      }
    : {};
  hookConnect(protocol as unknown as ProtocolLike, new McpShared('server', resolved, registries));
  return server;
}

/** McpServer keeps its registrations in plain objects keyed by name (URI for resources). */
function registry(server: Record<string, unknown>, key: string): object | undefined {
  const value = server[key];
  return typeof value === 'object' && value !== null ? value : undefined;
}

export function isProtocol(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)['connect'] === 'function';
}
