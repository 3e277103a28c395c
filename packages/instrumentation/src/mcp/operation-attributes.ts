import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_MCP_RESOURCE_URI,
  ATTR_NETWORK_PROTOCOL_NAME,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_NETWORK_TRANSPORT,
  ATTR_RPC_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
} from '../semconv.js';
import { ATTR_MCP_OTEL_RESULT_TYPE, RESULT_TYPE_VALUE_INPUT_REQUIRED } from '../mcp-otel-names.js';
import { METHOD_COUNT, METHOD_NAMES } from './mcp-methods.js';

/** The attributes every operation and session of one session shares. */
export type SessionContext = {
  readonly protocolVersion: string | undefined;
  readonly networkTransport: string | undefined;
  readonly networkProtocolName: string | undefined;
  readonly networkProtocolVersion: string | undefined;
  /** Client side only. */
  readonly serverAddress: string | undefined;
  readonly serverPort: number | undefined;
};

/** The attribute sets of one method, with the last one used in front of the map. */
type MethodAttributes = { readonly byKey: Map<string, Attributes>; lastKey: string | undefined; last: Attributes | undefined };

/**
 * Frozen attribute objects, built once per combination of method, target, URI and outcome and reused
 * for every later measurement: the recording path allocates nothing on a cache hit. Every dimension is
 * bounded before it gets here, so the cache is bounded too.
 */
export class OperationAttributes {
  private readonly base: Readonly<Attributes>;
  /** Attribute sets by method index, then by target and outcome. */
  private readonly byMethod: (MethodAttributes | undefined)[] = new Array<MethodAttributes | undefined>(METHOD_COUNT).fill(undefined);
  private readonly sessions = new Map<string, Attributes>();
  private readonly toolExecutions = new Map<string, Attributes>();

  constructor(context: SessionContext) {
    const base: Attributes = {};
    if (context.protocolVersion !== undefined) base[ATTR_MCP_PROTOCOL_VERSION] = context.protocolVersion;
    if (context.networkTransport !== undefined) base[ATTR_NETWORK_TRANSPORT] = context.networkTransport;
    if (context.networkProtocolName !== undefined) base[ATTR_NETWORK_PROTOCOL_NAME] = context.networkProtocolName;
    if (context.networkProtocolVersion !== undefined) base[ATTR_NETWORK_PROTOCOL_VERSION] = context.networkProtocolVersion;
    if (context.serverAddress !== undefined) {
      base[ATTR_SERVER_ADDRESS] = context.serverAddress;
      if (context.serverPort !== undefined) base[ATTR_SERVER_PORT] = context.serverPort;
    }
    this.base = Object.freeze(base);
  }

  /**
   * Attributes of an operation. `target` is the bounded tool name for `tools/call` and the bounded
   * prompt name otherwise; `errorType` / `statusCode` are set only for failed / error responses;
   * `inputRequired` marks an interim multi-round-trip result.
   */
  operation(methodIndex: number, target: string | undefined, uri: string | undefined, errorType: string | undefined, statusCode: string | undefined, inputRequired = false): Attributes {
    let cache = this.byMethod[methodIndex];
    if (cache === undefined) {
      cache = { byKey: new Map(), lastKey: undefined, last: undefined };
      this.byMethod[methodIndex] = cache;
    }
    const key =
      uri === undefined && errorType === undefined && statusCode === undefined && !inputRequired
        ? (target ?? '')
        : `${target ?? ''}\u0000${uri ?? ''}\u0000${errorType ?? ''}\u0000${statusCode ?? ''}\u0000${inputRequired ? 'i' : ''}`;
    // Calls of one method mostly repeat the previous target and outcome: one string compare then.
    if (key === cache.lastKey) return cache.last as Attributes;
    let attributes = cache.byKey.get(key);
    if (attributes === undefined) {
      attributes = this.build(METHOD_NAMES[methodIndex] as string, target, uri, errorType, statusCode, inputRequired);
      cache.byKey.set(key, attributes);
    }
    cache.lastKey = key;
    cache.last = attributes;
    return attributes;
  }

  /** Attributes of the session metric, with `error.type` when the session ended badly. */
  session(errorType: string | undefined): Attributes {
    const key = errorType ?? '';
    let attributes = this.sessions.get(key);
    if (attributes === undefined) {
      attributes = Object.freeze(errorType === undefined ? { ...this.base } : { ...this.base, [ATTR_ERROR_TYPE]: errorType });
      this.sessions.set(key, attributes);
    }
    return attributes;
  }

  /** `gen_ai.execute_tool.duration` attributes: the tool name and, on failure, `error.type`. */
  executeTool(target: string, errorType: string | undefined): Attributes {
    const key = errorType === undefined ? target : `${target}\u0000${errorType}`;
    let attributes = this.toolExecutions.get(key);
    if (attributes === undefined) {
      attributes = Object.freeze(errorType === undefined ? { [ATTR_GEN_AI_TOOL_NAME]: target } : { [ATTR_GEN_AI_TOOL_NAME]: target, [ATTR_ERROR_TYPE]: errorType });
      this.toolExecutions.set(key, attributes);
    }
    return attributes;
  }

  private build(method: string, target: string | undefined, uri: string | undefined, errorType: string | undefined, statusCode: string | undefined, inputRequired: boolean): Attributes {
    const a: Attributes = { [ATTR_MCP_METHOD_NAME]: method, ...this.base };
    if (method === 'tools/call') {
      a[ATTR_GEN_AI_OPERATION_NAME] = GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL;
      if (target !== undefined) a[ATTR_GEN_AI_TOOL_NAME] = target;
    } else if (target !== undefined) {
      a[ATTR_GEN_AI_PROMPT_NAME] = target;
    }
    if (uri !== undefined) a[ATTR_MCP_RESOURCE_URI] = uri;
    if (errorType !== undefined) a[ATTR_ERROR_TYPE] = errorType;
    if (statusCode !== undefined) a[ATTR_RPC_RESPONSE_STATUS_CODE] = statusCode;
    if (inputRequired) a[ATTR_MCP_OTEL_RESULT_TYPE] = RESULT_TYPE_VALUE_INPUT_REQUIRED;
    return Object.freeze(a);
  }
}
