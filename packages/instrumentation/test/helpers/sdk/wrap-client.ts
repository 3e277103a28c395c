import type { McpClientLike, McpTransportLike } from '@mcp-otel/instrumentation';
import type { CallOptions, TestClient } from './mcp-sdk.js';

/** The Client methods both SDK lines name and call alike (method syntax: their narrower parameters fit). */
interface SharedClientSurface extends McpClientLike {
  connect(transport: McpTransportLike, options?: { timeout?: number }): Promise<void>;
  close(): Promise<void>;
  listTools(): Promise<unknown>;
  listPrompts(): Promise<unknown>;
  listResources(): Promise<unknown>;
  readResource(params: { uri: string }): Promise<unknown>;
  getPrompt(params: { name: string; arguments?: Record<string, string> }): Promise<unknown>;
  complete(params: { ref: { type: 'ref/prompt'; name: string }; argument: { name: string; value: string } }): Promise<unknown>;
  ping(): Promise<unknown>;
  setLoggingLevel(level: 'info'): Promise<unknown>;
  onerror?: ((error: Error) => void) | undefined;
}

/** What differs between the lines: how a tool is called and how a request of any method is sent. */
export interface ClientDifferences {
  callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<unknown>;
  request(method: string, params: Record<string, unknown>): Promise<unknown>;
}

/** The test client over an SDK `Client` of either line. */
export function wrapClient(client: SharedClientSurface, differences: ClientDifferences): TestClient {
  return {
    raw: client,
    connect: (transport, options) => client.connect(transport, options),
    close: () => client.close(),
    callTool: (name, args = {}, options) => differences.callTool(name, args, options),
    listTools: () => client.listTools(),
    listPrompts: () => client.listPrompts(),
    listResources: () => client.listResources(),
    readResource: (uri) => client.readResource({ uri }),
    getPrompt: (name, args) => client.getPrompt(args === undefined ? { name } : { name, arguments: args }),
    completePrompt: (prompt, argument, value) => client.complete({ ref: { type: 'ref/prompt', name: prompt }, argument: { name: argument, value } }),
    ping: () => client.ping(),
    setLoggingLevel: (level) => client.setLoggingLevel(level),
    request: (method, params = {}) => differences.request(method, params),
    onerror: (handler) => {
      client.onerror = handler;
    },
  };
}
