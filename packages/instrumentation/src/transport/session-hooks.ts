import type { JsonRpcId, ResponseKind } from './message-kind.js';
import type { RequestCell } from './transport-cells.js';

/** A request sent or received that has no response yet. */
export type PendingRequest = {
  readonly id: JsonRpcId;
  /** `performance.now()` when it was received or handed to `send()`. */
  readonly start: number;
  /** Bounded `mcp.method.name`. */
  readonly method: string;
  /** Index of `method` in `METHOD_NAMES`, for the per-method caches. */
  readonly methodIndex: number;
  readonly cell: RequestCell;
  /** Filled in by the MCP session: bounded tool or prompt name, resource URI, list paging. */
  target: string | undefined;
  uri: string | undefined;
  firstPage: boolean;
  /** The protocol version this request claims (2026-07-28 `_meta` or `MCP-Protocol-Version` header), bounded. */
  protocolVersion: string | undefined;
};

/**
 * What an MCP session observer (server or client side) hears from the instrumented transport.
 * `inbound` is true for requests and notifications the peer sent to the local side.
 */
export interface SessionHooks {
  requestStarted(pending: PendingRequest, message: Record<string, unknown>, inbound: boolean): void;
  /** A response (`kind` tells a result from an error) ended the request. */
  requestAnswered(pending: PendingRequest, inbound: boolean, end: number, response: Record<string, unknown>, kind: ResponseKind): void;
  /** The request ended without a response; `failure` is its `error.type`. */
  requestFailed(pending: PendingRequest, inbound: boolean, end: number, failure: string): void;
  notification(message: Record<string, unknown>, inbound: boolean, start: number, end: number, failure: string | undefined): void;
  /** A valid JSON-RPC message went through (clears a pending transport error). */
  messageSeen(): void;
  transportError(error: unknown): void;
  opened(at: number): void;
  closed(at: number, local: boolean, inFlight: number): void;
}
