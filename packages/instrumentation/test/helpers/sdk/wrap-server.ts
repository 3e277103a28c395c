import type { McpServerLike, McpTransportLike } from '@mcp-otel/instrumentation';
import type { Blocked, TestServer } from './mcp-sdk.js';

/** What an `McpServer` or low-level `Server` of either line offers the tests. */
interface ServerSurface extends McpServerLike {
  connect(transport: McpTransportLike): Promise<void>;
  close(): Promise<void>;
}

/** The low-level `Server` (behind an `McpServer`, or alone): logging and `onerror`. */
interface LowLevelSurface {
  sendLoggingMessage(params: { level: 'info'; data: string }): Promise<void>;
  onerror?: ((error: Error) => void) | undefined;
}

/** The test server over an SDK server of either line. */
export function wrapServer(raw: ServerSurface, low: LowLevelSurface, blocked: Blocked[]): TestServer {
  return {
    raw,
    blocked,
    connect: (transport) => raw.connect(transport),
    close: () => raw.close(),
    sendLoggingMessage: (data) => low.sendLoggingMessage({ level: 'info', data }),
    onerror: (handler) => {
      low.onerror = handler;
    },
  };
}
