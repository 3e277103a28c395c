import { safeCall, warnOnce } from '../safe.js';
import { attachTransport } from '../transport/instrument-transport.js';
import { McpSession } from './mcp-session.js';
import type { McpShared } from './mcp-shared.js';

/** The SDK `Protocol` surface used here (Server and Client both extend Protocol). */
export type ProtocolLike = {
  connect: (this: unknown, transport: unknown, ...rest: unknown[]) => unknown;
  readonly transport?: unknown;
};

const INSTRUMENTED = Symbol.for('@mcp-otel/instrumentation/instrumented');

/**
 * Wraps `protocol.connect` on the instance so every transport it connects to is instrumented first,
 * with an MCP session observer for `shared.role`. A protocol that is already connected is observed
 * from now on. Returns false if the protocol was instrumented before (nothing is changed then).
 */
export function hookConnect(protocol: ProtocolLike, shared: McpShared): boolean {
  const marked = protocol as unknown as Record<symbol, unknown>;
  if (marked[INSTRUMENTED] === true) {
    warnOnce(`twice-${shared.role}`, `this MCP ${shared.role} is already instrumented; the second call and its options are ignored`);
    return false;
  }
  Object.defineProperty(protocol, INSTRUMENTED, { value: true, enumerable: false });
  const connect = protocol.connect;
  protocol.connect = function instrumentedConnect(this: unknown, transport: unknown, ...rest: unknown[]): unknown {
    safeCall('instrumenting connect()', observe, transport, shared, false);
    return connect.call(this, transport, ...rest);
  };
  const current = safeCall('reading the current transport', currentTransport, protocol, undefined, undefined);
  if (current !== undefined) safeCall('instrumenting the connected transport', observe, current, shared, true);
  return true;
}

function currentTransport(protocol: ProtocolLike): unknown {
  return protocol.transport;
}

function observe(transport: unknown, shared: McpShared, alreadyConnected: boolean): void {
  if (typeof transport !== 'object' || transport === null) return;
  const state = attachTransport(transport, shared.options);
  if (state === undefined) return;
  state.session = new McpSession(shared, state, transport, alreadyConnected);
}
