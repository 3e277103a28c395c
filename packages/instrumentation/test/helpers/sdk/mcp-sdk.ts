import type http from 'node:http';
import type { McpClientLike, McpServerLike, McpTransportLike } from '@mcp-otel/instrumentation';

/**
 * One generation of the MCP TypeScript SDK, seen through what the tests need: the same scenario runs
 * against `@modelcontextprotocol/sdk` 1.x and `@modelcontextprotocol/server` / `client` 2.x, and
 * their results are compared. Where the two lines answer differently, the difference is a field of
 * {@link SdkBehaviour}, named and asserted, never papered over.
 */
export interface McpSdk {
  /** Test-name label, e.g. `sdk 1.32.2`. */
  readonly name: string;
  readonly generation: 1 | 2;
  readonly behaviour: SdkBehaviour;
  /** The standard test server (see `createTestServer` in each SDK file). */
  createServer(): TestServer;
  /**
   * A low-level `Server` (no registries) listing one tool `t` whose handler throws an error with
   * JSON-RPC code `-32603`.
   */
  createFailingLowLevelServer(): TestServer;
  /** A client that answers sampling, elicitation and roots requests. */
  createClient(): TestClient;
  /** `InMemoryTransport.createLinkedPair()`: `[client side, server side]`. */
  linkedPair(): [LinkedTransport, LinkedTransport];
  /** `StdioClientTransport` spawning `node <script> <generation>`. */
  stdioClient(script: string, env: NodeJS.ProcessEnv): StdioClient;
  streamableHttpClient(url: URL): McpTransportLike & { terminateSession(): Promise<void> };
  /**
   * The SDK's Streamable HTTP server transport for `node:http` (1.x `StreamableHTTPServerTransport`,
   * 2.x `NodeStreamableHTTPServerTransport` from `@modelcontextprotocol/node`).
   */
  streamableHttpServer(options: { stateful: boolean; onsessioninitialized?: (id: string) => void }): HttpServerTransport;
}

/** Documented differences between the SDK lines, each asserted by the scenarios. */
export interface SdkBehaviour {
  /**
   * How `tools/call` of a tool the server does not have is answered: 1.x returns an `isError` result
   * (`tool_error`), 2.x a JSON-RPC error `-32602` (Invalid params).
   */
  readonly unknownTool: 'tool_error' | '-32602';
  /**
   * How the client ends an `initialize` that timed out: 1.x cancels it (`notifications/cancelled`
   * with the SDK's timeout reason: `timeout`), 2.x closes the connection without a cancellation (the
   * request ends unanswered: `connection_closed`).
   */
  readonly initializeTimeout: 'timeout' | 'connection_closed';
  /**
   * What the stdio server transport does with a line that is not JSON: 1.x reports it through
   * `onerror` (a `SyntaxError`), 2.x skips it silently.
   */
  readonly stdioNonJsonLine: 'SyntaxError' | 'skipped';
  /** Class name of the error a linked in-memory transport throws from `send()` once its peer closed. */
  readonly notConnectedError: 'Error' | 'SdkError';
}

export type Blocked = { release: () => void; aborted: () => boolean };

export interface TestServer {
  /** The SDK object, for `instrumentMcpServer`. */
  readonly raw: McpServerLike;
  /** Calls to the `block` tool, held open until released. */
  readonly blocked: Blocked[];
  connect(transport: McpTransportLike): Promise<void>;
  close(): Promise<void>;
  sendLoggingMessage(data: string): Promise<void>;
  /** Sets the low-level server's `onerror`. */
  onerror(handler: (error: Error) => void): void;
}

export type CallOptions = { signal?: AbortSignal; timeout?: number };

export interface TestClient {
  /** The SDK object, for `instrumentMcpClient`. */
  readonly raw: McpClientLike;
  connect(transport: McpTransportLike, options?: { timeout?: number }): Promise<void>;
  close(): Promise<void>;
  callTool(name: string, args?: Record<string, unknown>, options?: CallOptions): Promise<unknown>;
  listTools(): Promise<unknown>;
  listPrompts(): Promise<unknown>;
  listResources(): Promise<unknown>;
  readResource(uri: string): Promise<unknown>;
  getPrompt(name: string, args?: Record<string, string>): Promise<unknown>;
  completePrompt(prompt: string, argument: string, value: string): Promise<unknown>;
  ping(): Promise<unknown>;
  setLoggingLevel(level: 'info'): Promise<unknown>;
  /** Sends a request with any method (a custom one), accepting any result. */
  request(method: string, params?: Record<string, unknown>): Promise<unknown>;
  onerror(handler: (error: Error) => void): void;
}

/** JSON-RPC as the tests write it (plain data, possibly malformed on purpose). */
export type Message = Record<string, unknown>;

/** An SDK transport with its callback properties, as `connect()` sets them. */
export type LinkedTransport = McpTransportLike & {
  onmessage?: ((message: Message, extra?: unknown) => void) | undefined;
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
};

export type StdioClient = McpTransportLike & { readonly pid: number | null | undefined; readonly stderr: { on(event: 'data', listener: (chunk: Buffer) => void): unknown } | null };

export interface HttpServerTransport {
  readonly transport: McpTransportLike & { readonly sessionId?: string | undefined };
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
}
