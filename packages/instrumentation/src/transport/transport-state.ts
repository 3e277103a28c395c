import type { Attributes } from '@opentelemetry/api';
import { errorTypeOf } from '../bounded-values.js';
import { now } from '../clock.js';
import { ERROR_TYPE_VALUE_CANCELLED, ERROR_TYPE_VALUE_CONNECTION_CLOSED, ERROR_TYPE_VALUE_HEADER_MISMATCH, ERROR_TYPE_VALUE_TIMEOUT } from '../mcp-otel-names.js';
import { METHOD_NAMES, methodIndex } from '../mcp/mcp-methods.js';
import { safeCall, warnOnce } from '../safe.js';
import { ATTR_ERROR_TYPE } from '../semconv.js';
import { KIND_ERROR, KIND_INVALID, KIND_NOTIFICATION, KIND_REQUEST, KIND_RESPONSE, classifyFields, classifyMessage, isId, isServableRequest } from './message-kind.js';
import type { JsonRpcId, MessageKind, ResponseKind } from './message-kind.js';
import { watchInputEnd } from './input-end-watch.js';
import { PendingTable } from './pending-table.js';
import { headersDisagree, readHeader, requestHeadersOf } from './request-headers.js';
import type { PendingRequest, SessionHooks } from './session-hooks.js';
import { DIR_RECEIVE, DIR_TRANSMIT } from './transport-cells.js';
import type { Direction, TransportCells } from './transport-cells.js';
import type { TransportProfile } from './transport-profile.js';
import { normalizeHttpVersion } from './transport-profile.js';
import type { TransportTelemetry } from './transport-telemetry.js';

/** Requests tracked per direction and transport; beyond it new requests are counted but not timed. */
const MAX_PENDING = 10_000;

type Phase = 'new' | 'open' | 'closed';

/** What a transport's measurement needs from the options. */
export type TransportStateOptions = { readonly recordMessageSize: boolean; readonly inFlightTimeoutMs: number };

/**
 * Everything measured about one transport: message counts, requests in flight (matched by JSON-RPC id
 * in both directions), connection lifetime and errors. The MCP layer plugs in through `session`.
 * Methods here run inside the safe guard of the wrapper that calls them.
 */
export class TransportState {
  readonly cells: TransportCells;
  session: SessionHooks | undefined;
  /** HTTP version seen on the requests a server transport handles (`network.protocol.version`). */
  httpVersion: string | undefined;
  /**
   * `MCP-Protocol-Version` header of the HTTP request that carried the latest request or
   * notification received (the MCP session reads it as that message's protocol version).
   */
  requestVersionHeader: string | undefined = undefined;
  closingLocally = false;
  /** Second argument of the `onmessage` call being measured (it carries HTTP request headers). */
  deliveryExtra: unknown = undefined;
  /** Message being dispatched, so a callback wrapped twice is measured once. */
  dispatching: unknown = undefined;
  erroring: unknown = undefined;
  private phase: Phase = 'new';
  private readonly inbound = new PendingTable();
  private readonly outbound = new PendingTable();
  private readonly recordSize: boolean;
  private readonly inFlightTimeoutMs: number;
  /** Only HTTP transports deliver request headers with their messages. */
  private readonly readsHeaders: boolean;
  /** Whether the telemetry sweeps this transport for stale requests (it has had some in flight). */
  private expiryTracked = false;
  private detachInput: (() => void) | undefined = undefined;

  constructor(
    readonly profile: TransportProfile,
    readonly telemetry: TransportTelemetry,
    options: TransportStateOptions,
    /** The instrumented transport, to watch the stdin a stdio server transport reads. */
    private readonly source: object,
  ) {
    this.cells = telemetry.cellsFor(profile);
    this.httpVersion = profile.protocolVersion;
    this.recordSize = options.recordMessageSize;
    this.inFlightTimeoutMs = options.inFlightTimeoutMs;
    this.readsHeaders = profile.protocolName === 'http';
  }

  /** `start()` was called: a new connection begins (a transport may be started again after close). */
  starting(at: number): void {
    if (this.phase === 'open') return;
    this.open(at);
  }

  /** `start()` settled; `error` when it rejected, which also ends the connection. */
  started(at: number, begun: number, error: unknown): void {
    const instruments = this.telemetry.instruments();
    const failed = error !== undefined;
    const attributes: Attributes = failed ? { ...this.cells.base, [ATTR_ERROR_TYPE]: errorTypeOf(error) } : this.cells.base;
    instruments.connectDuration.record((at - begun) / 1000, attributes);
    if (failed) {
      this.cells.countError(errorTypeOf(error));
      this.close(at);
    }
  }

  /** A message arrived (`onmessage`); `extra` is the transport's second argument (request headers). */
  received(message: unknown, at: number, extra: unknown): MessageKind {
    if (this.phase === 'new') this.open(at);
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return this.invalid(message, DIR_RECEIVE);
    const m = message as Record<string, unknown>;
    const method = m['method'];
    const id = m['id'];
    let kind = classifyFields(m, method, id);
    if (kind === KIND_REQUEST && !isServableRequest(m)) kind = KIND_INVALID;
    this.cells.countMessage(DIR_RECEIVE, kind);
    if (this.recordSize) this.recordSizeOf(message, DIR_RECEIVE);
    if (kind === KIND_INVALID) return kind;
    if (this.readsHeaders && (kind === KIND_REQUEST || kind === KIND_NOTIFICATION)) this.readRequestHeaders(requestHeadersOf(extra), method as string, m);
    if (kind === KIND_REQUEST) this.begin(this.inbound, DIR_RECEIVE, m, method, id as JsonRpcId, at);
    else if (kind === KIND_RESPONSE || kind === KIND_ERROR) this.answer(this.outbound, false, m, kind, id as JsonRpcId, at);
    else if (method === 'notifications/cancelled') this.cancel(this.inbound, true, m, at);
    this.session?.messageSeen();
    return kind;
  }

  /** A received notification finished its synchronous dispatch. */
  dispatched(message: unknown, start: number, end: number): void {
    this.session?.notification(message as Record<string, unknown>, true, start, end, undefined);
  }

  sending(message: unknown, at: number): MessageKind {
    if (this.phase === 'new') this.open(at);
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return this.invalid(message, DIR_TRANSMIT);
    const m = message as Record<string, unknown>;
    const method = m['method'];
    const id = m['id'];
    const kind = classifyFields(m, method, id);
    this.cells.countMessage(DIR_TRANSMIT, kind);
    if (this.recordSize) this.recordSizeOf(message, DIR_TRANSMIT);
    if (kind === KIND_INVALID) return kind;
    if (kind === KIND_REQUEST) this.begin(this.outbound, DIR_TRANSMIT, m, method, id as JsonRpcId, at);
    else if (kind === KIND_RESPONSE || kind === KIND_ERROR) this.answer(this.inbound, true, m, kind, id as JsonRpcId, at);
    else if (method === 'notifications/cancelled') this.cancel(this.outbound, false, m, at);
    return kind;
  }

  /** `send()` of a notification settled (the transport's acknowledgement, e.g. HTTP 202). */
  notificationSent(message: unknown, start: number, end: number, error: unknown): void {
    const failure = error === undefined ? undefined : errorTypeOf(error);
    this.session?.notification(message as Record<string, unknown>, false, start, end, failure);
  }

  /** `send()` rejected or threw: count it, and end the request it carried, if any. */
  sendFailed(message: unknown, error: unknown): void {
    const errorType = errorTypeOf(error);
    this.cells.countError(errorType);
    const m = message as Record<string, unknown>;
    if (classifyMessage(message) !== KIND_REQUEST || !isId(m['id'])) return;
    const pending = this.outbound.get(m['id']);
    if (pending !== undefined) this.fail(this.outbound, pending, false, now(), errorType);
  }

  errored(error: unknown): void {
    this.cells.countError(errorTypeOf(error));
    this.session?.transportError(error);
  }

  /** The stdin of a stdio server transport ended: the client ended the session (MCP stdio binding). */
  inputEnded(at: number): void {
    this.closingLocally = false;
    this.close(at);
  }

  /**
   * Ends the requests in flight for longer than `inFlightTimeoutMs` with `error.type=timeout`, e.g.
   * ones the peer's SDK dropped without an answer. Returns whether any request is still in flight.
   */
  expireStale(at: number): boolean {
    const cutoff = at - this.inFlightTimeoutMs;
    for (const pending of this.inbound.takeStartedBefore(cutoff)) this.fail(undefined, pending, true, at, ERROR_TYPE_VALUE_TIMEOUT);
    for (const pending of this.outbound.takeStartedBefore(cutoff)) this.fail(undefined, pending, false, at, ERROR_TYPE_VALUE_TIMEOUT);
    const inFlight = this.inbound.size + this.outbound.size > 0;
    if (!inFlight) this.expiryTracked = false;
    return inFlight;
  }

  /** The transport reported `onclose` (or `start()` failed): end every request still in flight. */
  close(at: number): void {
    if (this.phase !== 'open') return;
    this.phase = 'closed';
    this.detachInput?.();
    this.detachInput = undefined;
    this.cells.activeConnections--;
    const local = this.closingLocally;
    this.closingLocally = false;
    const inFlight = this.inbound.size + this.outbound.size;
    for (const pending of this.inbound.drain()) this.fail(undefined, pending, true, at, ERROR_TYPE_VALUE_CONNECTION_CLOSED);
    for (const pending of this.outbound.drain()) this.fail(undefined, pending, false, at, ERROR_TYPE_VALUE_CONNECTION_CLOSED);
    this.session?.closed(at, local, inFlight);
  }

  /** A server transport handles an HTTP request: learn the HTTP version (Node `IncomingMessage`). */
  httpRequest(request: unknown): void {
    if (typeof request !== 'object' || request === null) return;
    this.httpVersion ??= normalizeHttpVersion((request as { httpVersion?: unknown }).httpVersion);
  }

  /**
   * The headers of the HTTP request that carried a request or notification: its protocol version,
   * and a count of `Mcp-Method` / `Mcp-Name` headers that contradict the body (never trusted).
   */
  private readRequestHeaders(headers: unknown, method: string, m: Record<string, unknown>): void {
    this.requestVersionHeader = readHeader(headers, 'mcp-protocol-version');
    if (headers === undefined) return;
    if (headersDisagree(headers, method, m['params'])) this.cells.countError(ERROR_TYPE_VALUE_HEADER_MISMATCH);
  }

  private invalid(message: unknown, direction: Direction): MessageKind {
    this.cells.countMessage(direction, KIND_INVALID);
    if (this.recordSize) this.recordSizeOf(message, direction);
    return KIND_INVALID;
  }

  private open(at: number): void {
    this.telemetry.instruments();
    this.phase = 'open';
    this.closingLocally = false;
    this.cells.activeConnections++;
    this.detachInput = watchInputEnd(this.source, () => void safeCall('seeing stdin end', endInput, this, undefined, undefined));
    this.session?.opened(at);
  }

  private begin(pending: PendingTable, direction: Direction, m: Record<string, unknown>, rawMethod: unknown, id: JsonRpcId, at: number): void {
    // After the transport closed nothing will end a request: count the message, do not track it.
    if (this.phase !== 'open') return;
    // Follows a new global provider (moves the observers there); once per request, not per message.
    this.telemetry.instruments();
    const previous = pending.get(id);
    if (previous !== undefined) {
      // A reused id replaces the old request, which will never be matched now.
      previous.cell.count--;
      pending.delete(previous);
    } else if (pending.size >= MAX_PENDING) {
      warnOnce('pending-cap', `more than ${MAX_PENDING} requests in flight on one transport; further ones are counted but not timed`);
      return;
    }
    const index = methodIndex(rawMethod);
    const cell = this.cells.requestCell(direction, index);
    cell.count++;
    const request: PendingRequest = {
      id,
      start: at,
      method: METHOD_NAMES[index] as string,
      methodIndex: index,
      cell,
      target: undefined,
      uri: undefined,
      firstPage: true,
      protocolVersion: undefined,
    };
    pending.add(request);
    if (!this.expiryTracked && this.inFlightTimeoutMs > 0) {
      this.expiryTracked = true;
      this.telemetry.trackExpiry(this);
    }
    this.session?.requestStarted(request, m, direction === DIR_RECEIVE);
  }

  private answer(pending: PendingTable, inbound: boolean, m: Record<string, unknown>, kind: ResponseKind, id: JsonRpcId, at: number): void {
    // A response to an unknown id (never sent, cancelled, or already answered) is only counted.
    const request = pending.take(id);
    if (request === undefined) return;
    request.cell.count--;
    this.session?.requestAnswered(request, inbound, at, m, kind);
  }

  private cancel(pending: PendingTable, inbound: boolean, m: Record<string, unknown>, at: number): void {
    const params = m['params'] as { requestId?: unknown; reason?: unknown } | undefined;
    const id = params?.requestId;
    if (!isId(id)) return;
    const request = pending.get(id);
    if (request === undefined) return;
    // The SDK cancels its own timed-out requests with reason "McpError: MCP error -32001: Request timed out".
    const timedOut = !inbound && typeof params?.reason === 'string' && (params.reason.includes('-32001') || /timed out/i.test(params.reason));
    this.fail(pending, request, inbound, at, timedOut ? ERROR_TYPE_VALUE_TIMEOUT : ERROR_TYPE_VALUE_CANCELLED);
  }

  /** Ends a request without a response (cancelled, timed out, send failed, connection closed). */
  private fail(pending: PendingTable | undefined, request: PendingRequest, inbound: boolean, at: number, failure: string): void {
    pending?.delete(request);
    request.cell.count--;
    this.session?.requestFailed(request, inbound, at, failure);
  }

  private recordSizeOf(message: unknown, direction: Direction): void {
    this.telemetry.recordMessageSize(message, this.cells.sizeAttributes[direction] as Attributes);
  }
}

const endInput = (s: TransportState): void => s.inputEnded(now());
