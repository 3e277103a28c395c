import { BoundedValues, errorTypeOf } from '../bounded-values.js';
import { flushMeterProvider } from '../flush-provider.js';
import { ERROR_TYPE_VALUE_CONNECTION_CLOSED, VALUE_OTHER } from '../mcp-otel-names.js';
import type { PendingRequest, SessionHooks } from '../transport/session-hooks.js';
import type { TransportState } from '../transport/transport-state.js';
import type { ResponseKind } from '../transport/message-kind.js';
import { METHOD_NAMES, methodIndex } from './mcp-methods.js';
import type { McpShared } from './mcp-shared.js';
import type { OperationAttributes } from './operation-attributes.js';
import { responseOutcome } from './response-outcome.js';

const PROTOCOL_VERSION = /^\d{4}-\d{2}-\d{2}$/;
const protocolVersions = new BoundedValues(16);
/** The `_meta` key in which a 2026-07-28 request or notification states its protocol version. */
const PROTOCOL_VERSION_META_KEY = 'io.modelcontextprotocol/protocolVersion';
/** The first revision without sessions, `ping` or server-to-client requests (date strings compare in order). */
const FIRST_STATELESS_REVISION = '2026-07-28';
/** What `sessionEnding` returns for a connection that was no session. */
const NO_SESSION = Symbol('no session');
/** By method index: whether a successful result teaches the session something (see `learn`). */
const LEARNS_FROM_RESULT: readonly boolean[] = METHOD_NAMES.map((m) => m === 'initialize' || m === 'tools/list' || m === 'prompts/list' || m === 'resources/list');

/** A peer-supplied protocol version, bounded: a date-shaped string, at most 16 distinct per process. */
function protocolVersionOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return PROTOCOL_VERSION.test(value) ? protocolVersions.admit(value) : VALUE_OTHER;
}

/** The protocol version a 2026-07-28 message claims in `params._meta`, if any. */
function claimedVersion(message: Record<string, unknown>): unknown {
  const params = message['params'];
  if (typeof params !== 'object' || params === null) return undefined;
  const meta = (params as Record<string, unknown>)['_meta'];
  return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>)[PROTOCOL_VERSION_META_KEY] : undefined;
}

function isStateless(version: string | undefined): boolean {
  return version !== undefined && version !== VALUE_OTHER && version >= FIRST_STATELESS_REVISION;
}

/**
 * The MCP view of one connection, server or client side: turns the requests and notifications the
 * transport sees into `mcp.{server,client}.operation.duration`, and the connection into
 * `mcp.{server,client}.session.duration`. Runs inside the transport wrappers' safe guard.
 *
 * Both protocol generations: a session is an `initialize` exchange (up to 2025-11-25); a
 * 2026-07-28 peer has none, so no session is recorded, and each message carries its own protocol
 * version (`_meta`, or the `MCP-Protocol-Version` header), which is recorded per operation.
 */
export class McpSession implements SessionHooks {
  /** The version `initialize` negotiated. */
  private protocolVersion: string | undefined;
  private attributes: OperationAttributes;
  private attributesVersion: string | undefined;
  private attributesHttp: string | undefined;
  /** Attribute cache for the latest per-message version that differs from the session's. */
  private claimed: { version: string; http: string | undefined; attributes: OperationAttributes } | undefined;
  private openedAt: number | undefined;
  private initializeSent = false;
  private established = false;
  private initializeFailure: string | undefined;
  private lastError: unknown = undefined;

  constructor(
    private readonly shared: McpShared,
    private readonly state: TransportState,
    private readonly transport: { sessionId?: unknown },
    private alreadyConnected: boolean,
  ) {
    this.attributes = this.buildAttributes();
  }

  requestStarted(pending: PendingRequest, message: Record<string, unknown>, inbound: boolean): void {
    pending.protocolVersion = this.messageVersion(message, inbound);
    const params = message['params'] as Record<string, unknown> | undefined;
    switch (pending.method) {
      case 'tools/call':
        pending.target = this.shared.tools.attribute(params?.['name']);
        break;
      case 'prompts/get':
        pending.target = this.shared.prompts.attribute(params?.['name']);
        break;
      case 'completion/complete': {
        const ref = params?.['ref'] as Record<string, unknown> | undefined;
        if (ref?.['type'] === 'ref/prompt') pending.target = this.shared.prompts.attribute(ref['name']);
        else if (ref?.['type'] === 'ref/resource') pending.uri = this.shared.uriAttribute(ref['uri']);
        break;
      }
      case 'resources/read':
      case 'resources/subscribe':
      case 'resources/unsubscribe':
        pending.uri = this.shared.uriAttribute(params?.['uri']);
        break;
      case 'tools/list':
      case 'prompts/list':
      case 'resources/list':
        pending.firstPage = params?.['cursor'] === undefined;
        break;
      case 'initialize':
        this.initializeSent = true;
        break;
    }
  }

  requestAnswered(pending: PendingRequest, inbound: boolean, end: number, response: Record<string, unknown>, kind: ResponseKind): void {
    const { errorType, statusCode, inputRequired } = responseOutcome(pending.method, response, kind, inbound, isStateless(pending.protocolVersion));
    // Only the responses the guards learn from are read further (each read of a message is a slow
    // megamorphic load, and this runs for every response).
    if (statusCode === undefined && errorType === undefined && LEARNS_FROM_RESULT[pending.methodIndex] === true) this.learn(pending, response['result']);
    this.record(pending, inbound, end, errorType, statusCode, inputRequired);
  }

  requestFailed(pending: PendingRequest, inbound: boolean, end: number, failure: string): void {
    this.record(pending, inbound, end, failure, undefined, false);
  }

  notification(message: Record<string, unknown>, inbound: boolean, start: number, end: number, failure: string | undefined): void {
    const index = methodIndex(message['method']);
    let uri: string | undefined;
    if (METHOD_NAMES[index] === 'notifications/resources/updated') uri = this.shared.uriAttribute((message['params'] as Record<string, unknown> | undefined)?.['uri']);
    const attributes = this.attributesAt(this.messageVersion(message, inbound)).operation(index, undefined, uri, failure, undefined);
    const instruments = this.shared.instruments.get();
    const histogram = this.shared.role === 'server' ? instruments.serverOperation : instruments.clientOperation;
    histogram.record((end - start) / 1000, attributes);
  }

  private record(pending: PendingRequest, inbound: boolean, end: number, errorType: string | undefined, statusCode: string | undefined, inputRequired: boolean): void {
    if (pending.method === 'initialize') {
      if (errorType === undefined && statusCode === undefined) this.established = true;
      else this.initializeFailure = errorType ?? statusCode;
    }
    const context = this.attributesAt(pending.protocolVersion);
    const attributes = context.operation(pending.methodIndex, pending.target, pending.uri, errorType, statusCode, inputRequired);
    const instruments = this.shared.instruments.get();
    const server = this.shared.role === 'server';
    const seconds = (end - pending.start) / 1000;
    (server ? instruments.serverOperation : instruments.clientOperation).record(seconds, attributes);
    // A tool execution: a tools/call the server ran to an end (not refused as a caller error, not
    // an interim input_required round).
    if (server && inbound && this.shared.options.recordExecuteToolDuration && pending.method === 'tools/call' && !inputRequired && (errorType !== undefined || statusCode === undefined)) {
      instruments.executeTool.record(seconds, context.executeTool(pending.target ?? VALUE_OTHER, errorType));
    }
  }

  /** The protocol version a message states: `_meta` (2026-07-28), else its HTTP request's header. */
  private messageVersion(message: Record<string, unknown>, inbound: boolean): string | undefined {
    const claimed = claimedVersion(message);
    if (claimed !== undefined) return protocolVersionOf(claimed);
    const header = inbound ? this.state.requestVersionHeader : undefined;
    return header === undefined ? undefined : protocolVersionOf(header);
  }

  messageSeen(): void {
    // Read before writing: this runs for every message received, and is almost always a no-op.
    if (this.lastError !== undefined) this.lastError = undefined;
  }

  transportError(error: unknown): void {
    this.lastError = error;
  }

  opened(at: number): void {
    this.openedAt = at;
    this.initializeSent = false;
    this.initializeFailure = undefined;
    this.lastError = undefined;
    // Instrumented after connecting: initialize happened before we looked. A client reconnecting with
    // a known session id skips initialize (the SDK's resumption path).
    this.established = this.alreadyConnected || this.transport.sessionId !== undefined;
    this.alreadyConnected = false;
  }

  closed(at: number, local: boolean, inFlight: number): void {
    const openedAt = this.openedAt;
    this.openedAt = undefined;
    if (openedAt === undefined) return;
    const errorType = this.sessionEnding(local, inFlight);
    if (errorType !== NO_SESSION) {
      const instruments = this.shared.instruments.get();
      const histogram = this.shared.role === 'server' ? instruments.serverSession : instruments.clientSession;
      histogram.record((at - openedAt) / 1000, this.currentAttributes().session(errorType));
    }
    // A stdio server's connection is its process's work (a 2026-07-28 one included, which has no
    // session): export what it measured before the process exits.
    if (this.shared.role === 'server' && this.state.profile.type === 'stdio') flushMeterProvider(this.shared.options.meterProvider);
  }

  /** `error.type` of the session that ends now (undefined: a clean end), or NO_SESSION. */
  private sessionEnding(local: boolean, inFlight: number): string | undefined | typeof NO_SESSION {
    // A stateless Streamable HTTP server transport serves one HTTP request, not a session.
    if (this.shared.role === 'server' && this.state.profile.type === 'streamable_http' && this.transport.sessionId === undefined) return NO_SESSION;
    if (!this.established) {
      // Initialize never completed (or, from 2026-07-28 on, never exists): no session unless one was
      // attempted, which then failed.
      return this.initializeSent ? (this.initializeFailure ?? ERROR_TYPE_VALUE_CONNECTION_CLOSED) : NO_SESSION;
    }
    if (!local && inFlight > 0) return ERROR_TYPE_VALUE_CONNECTION_CLOSED;
    if (!local && this.lastError !== undefined) return errorTypeOf(this.lastError);
    return undefined;
  }

  private learn(pending: PendingRequest, result: unknown): void {
    if (typeof result !== 'object' || result === null) return;
    const r = result as Record<string, unknown>;
    switch (pending.method) {
      case 'initialize':
        this.protocolVersion = protocolVersionOf(r['protocolVersion']) ?? this.protocolVersion;
        break;
      case 'tools/list':
        this.shared.tools.learn(r['tools'], 'name', pending.firstPage);
        break;
      case 'prompts/list':
        this.shared.prompts.learn(r['prompts'], 'name', pending.firstPage);
        break;
      case 'resources/list':
        this.shared.learnUris(r['resources'], pending.firstPage);
        break;
    }
  }

  /** The attribute cache for a message stating `version` (undefined: the session's version). */
  private attributesAt(version: string | undefined): OperationAttributes {
    if (version === undefined || version === this.protocolVersion) return this.currentAttributes();
    const http = this.state.httpVersion;
    const claimed = this.claimed;
    if (claimed !== undefined && claimed.version === version && claimed.http === http) return claimed.attributes;
    const attributes = this.attributesFor(version);
    this.claimed = { version, http, attributes };
    return attributes;
  }

  /** The attribute cache for the current context; the context changes at most a few times a session. */
  private currentAttributes(): OperationAttributes {
    if (this.attributesVersion !== this.protocolVersion || this.attributesHttp !== this.state.httpVersion) this.attributes = this.buildAttributes();
    return this.attributes;
  }

  private buildAttributes(): OperationAttributes {
    this.attributesVersion = this.protocolVersion;
    this.attributesHttp = this.state.httpVersion;
    return this.attributesFor(this.protocolVersion);
  }

  private attributesFor(protocolVersion: string | undefined): OperationAttributes {
    const profile = this.state.profile;
    const client = this.shared.role === 'client';
    return this.shared.attributesFor({
      protocolVersion,
      networkTransport: profile.networkTransport,
      networkProtocolName: profile.protocolName,
      networkProtocolVersion: this.state.httpVersion,
      serverAddress: client ? profile.serverAddress : undefined,
      serverPort: client ? profile.serverPort : undefined,
    });
  }
}
