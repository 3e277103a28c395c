import { BoundedValues } from '../bounded-values.js';
import { VALUE_OTHER } from '../mcp-otel-names.js';
import { ERROR_TYPE_VALUE_TOOL_ERROR } from '../semconv.js';
import { KIND_ERROR } from '../transport/message-kind.js';
import type { ResponseKind } from '../transport/message-kind.js';

/** JSON-RPC and MCP error codes always recorded as they are. */
const KNOWN_CODES = new Set([-32700, -32600, -32601, -32602, -32603, -32000, -32001, -32002, -32042]);
/**
 * Codes meaning the caller sent a request the receiver could not serve; per the MCP conventions the
 * receiving side does not count them as errors (`rpc.response.status_code` is still set).
 */
const CALLER_ERROR_CODES = new Set([-32700, -32600, -32601, -32602, -32002]);
const otherCodes = new BoundedValues(32);

/** `error.type` and `rpc.response.status_code` of a finished operation; both undefined on success. */
export type Outcome = { errorType: string | undefined; statusCode: string | undefined };

const SUCCESS: Outcome = Object.freeze({ errorType: undefined, statusCode: undefined });
const TOOL_ERROR: Outcome = Object.freeze({ errorType: ERROR_TYPE_VALUE_TOOL_ERROR, statusCode: undefined });

/**
 * Classifies a response of `kind` (a result or an error message, as `classifyMessage` found it).
 * `served` is true when the local side answered the request (the receiver's rules apply), false when
 * it sent the request (every error code is an error).
 */
export function responseOutcome(method: string, response: Record<string, unknown>, kind: ResponseKind, served: boolean): Outcome {
  if (kind === KIND_ERROR) {
    const error = response['error'] as { code?: unknown };
    const code = error.code;
    const statusCode = statusCodeOf(code);
    const callerError = served && typeof code === 'number' && CALLER_ERROR_CODES.has(code);
    return { errorType: callerError ? undefined : statusCode, statusCode };
  }
  if (method === 'tools/call') {
    const result = response['result'];
    if (typeof result === 'object' && result !== null && (result as { isError?: unknown }).isError === true) return TOOL_ERROR;
  }
  return SUCCESS;
}

/** A bounded string form of a JSON-RPC error code. */
export function statusCodeOf(code: unknown): string {
  if (typeof code !== 'number' || !Number.isSafeInteger(code)) return VALUE_OTHER;
  const text = String(code);
  return KNOWN_CODES.has(code) ? text : otherCodes.admit(text);
}
