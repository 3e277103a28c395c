import { BoundedValues, errorTypeOf } from '../bounded-values.js';
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
/** By method index: whether a successful result teaches the session something (see `learn`). */
const LEARNS_FROM_RESULT: readonly boolean[] = METHOD_NAMES.map((m) => m === 'initialize' || m === 'tools/list' || m === 'prompts/list' || m === 'resources/list');

/** A peer-supplied protocol version, bounded: a date-shaped string, at most 16 distinct per process. */
function protocolVersionOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return PROTOCOL_VERSION.test(value) ? protocolVersions.admit(value) : VALUE_OTHER;
}

/**
 * The MCP view of one connection, server or client side: turns the requests and notifications the
 * transport sees into `mcp.{server,client}.operation.duration`, and the connection into
 * `mcp.{server,client}.session.duration`. Runs inside the transport wrappers' safe guard.
 */
export class McpSession implements SessionHooks {
  private protocolVersion: string | undefined;
  private attributes: OperationAttributes;
  private attributesVersion: string | undefined;
  private attributesHttp: string | undefined;
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

  requestStarted(pending: PendingRequest, message: Record<string, unknown>): void {
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
    const { errorType, statusCode } = responseOutcome(pending.method, response, kind, inbound);
    // Only the responses the guards learn from are read further (each read of a message is a slow
    // megamorphic load, and this runs for every response).
    if (statusCode === undefined && errorType === undefined && LEARNS_FROM_RESULT[pending.methodIndex] === true) this.learn(pending, response['result']);
    this.record(pending, end, errorType, statusCode);
  }

  requestFailed(pending: PendingRequest, _inbound: boolean, end: number, failure: string): void {
    this.record(pending, end, failure, undefined);
  }

  notification(message: Record<string, unknown>, _inbound: boolean, start: number, end: number, failure: string | undefined): void {
    const index = methodIndex(message['method']);
    let uri: string | undefined;
    if (METHOD_NAMES[index] === 'notifications/resources/updated') uri = this.shared.uriAttribute((message['params'] as Record<string, unknown> | undefined)?.['uri']);
    const attributes = this.currentAttributes().operation(index, undefined, uri, failure, undefined);
    const instruments = this.shared.instruments.get();
    const histogram = this.shared.role === 'server' ? instruments.serverOperation : instruments.clientOperation;
    histogram.record((end - start) / 1000, attributes);
  }

  private record(pending: PendingRequest, end: number, errorType: string | undefined, statusCode: string | undefined): void {
    if (pending.method === 'initialize') {
      if (errorType === undefined && statusCode === undefined) this.established = true;
      else this.initializeFailure = errorType ?? statusCode;
    }
    const attributes = this.currentAttributes().operation(pending.methodIndex, pending.target, pending.uri, errorType, statusCode);
    const instruments = this.shared.instruments.get();
    const histogram = this.shared.role === 'server' ? instruments.serverOperation : instruments.clientOperation;
    histogram.record((end - pending.start) / 1000, attributes);
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
    // A stateless Streamable HTTP server transport serves one HTTP request, not a session.
    if (this.shared.role === 'server' && this.state.profile.type === 'streamable_http' && this.transport.sessionId === undefined) return;
    let errorType: string | undefined;
    if (!this.established) {
      // Initialize never completed: no session unless one was attempted, which then failed.
      if (!this.initializeSent) return;
      errorType = this.initializeFailure ?? ERROR_TYPE_VALUE_CONNECTION_CLOSED;
    } else if (!local && inFlight > 0) {
      errorType = ERROR_TYPE_VALUE_CONNECTION_CLOSED;
    } else if (!local && this.lastError !== undefined) {
      errorType = errorTypeOf(this.lastError);
    }
    const instruments = this.shared.instruments.get();
    const histogram = this.shared.role === 'server' ? instruments.serverSession : instruments.clientSession;
    histogram.record((at - openedAt) / 1000, this.currentAttributes().session(errorType));
  }

  httpRequest(protocolVersionHeader: string | undefined): void {
    // Stateless servers never see initialize; the header carries the negotiated version instead.
    if (this.protocolVersion === undefined && protocolVersionHeader !== undefined) this.protocolVersion = protocolVersionOf(protocolVersionHeader);
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

  /** The attribute cache for the current context; the context changes at most a few times a session. */
  private currentAttributes(): OperationAttributes {
    if (this.attributesVersion !== this.protocolVersion || this.attributesHttp !== this.state.httpVersion) this.attributes = this.buildAttributes();
    return this.attributes;
  }

  private buildAttributes(): OperationAttributes {
    const profile = this.state.profile;
    const client = this.shared.role === 'client';
    this.attributesVersion = this.protocolVersion;
    this.attributesHttp = this.state.httpVersion;
    return this.shared.attributesFor({
      protocolVersion: this.protocolVersion,
      networkTransport: profile.networkTransport,
      networkProtocolName: profile.protocolName,
      networkProtocolVersion: this.state.httpVersion,
      serverAddress: client ? profile.serverAddress : undefined,
      serverPort: client ? profile.serverPort : undefined,
    });
  }
}
