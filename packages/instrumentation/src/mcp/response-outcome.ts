import { BoundedValues } from '../bounded-values.js';
import { VALUE_OTHER } from '../mcp-otel-names.js';
import { ERROR_TYPE_VALUE_TOOL_ERROR } from '../semconv.js';
import { KIND_ERROR } from '../transport/message-kind.js';
import type { ResponseKind } from '../transport/message-kind.js';

/**
 * JSON-RPC and MCP error codes always recorded as they are: JSON-RPC's own, the SDKs' (`-32000`
 * connection closed, `-32001` request timeout), `-32002` (resource not found up to 2025-11-25),
 * `-32042` (URL elicitation required, 2025-11-25) and the 2026-07-28 codes `-32020` (header
 * mismatch), `-32021` (missing required client capability), `-32022` (unsupported protocol version).
 */
const KNOWN_CODES = new Set([-32700, -32600, -32601, -32602, -32603, -32000, -32001, -32002, -32042, -32020, -32021, -32022]);
/**
 * Codes meaning the caller sent a request the receiver could not serve; per the MCP conventions the
 * receiving side does not count them as errors (`rpc.response.status_code` is still set). The
 * conventions name exactly these; every other code, the 2026-07-28 ones included, is an error.
 */
const CALLER_ERROR_CODES = new Set([-32700, -32600, -32601, -32602]);
/** Resource not found before 2026-07-28, which moved it to `-32602` and retired the code. */
const RESOURCE_NOT_FOUND_BEFORE_2026 = -32002;
/** Methods whose result may be an `input_required` interim result (multi-round-trip requests). */
const MULTI_ROUND_TRIP_METHODS = new Set(['tools/call', 'prompts/get', 'resources/read']);
const otherCodes = new BoundedValues(32);

/**
 * `error.type` and `rpc.response.status_code` of a finished operation (both undefined on success),
 * and whether the result is an interim `input_required` one.
 */
export type Outcome = { errorType: string | undefined; statusCode: string | undefined; inputRequired: boolean };

const SUCCESS: Outcome = Object.freeze({ errorType: undefined, statusCode: undefined, inputRequired: false });
const INPUT_REQUIRED: Outcome = Object.freeze({ errorType: undefined, statusCode: undefined, inputRequired: true });
const TOOL_ERROR: Outcome = Object.freeze({ errorType: ERROR_TYPE_VALUE_TOOL_ERROR, statusCode: undefined, inputRequired: false });

/**
 * Classifies a response of `kind` (a result or an error message, as `classifyMessage` found it).
 * `served` is true when the local side answered the request (the receiver's rules apply), false when
 * it sent the request (every error code is an error). `modern` is true when the request was made
 * under protocol 2026-07-28 or later: `-32002` is no caller error there, and results may be
 * `input_required`.
 */
export function responseOutcome(method: string, response: Record<string, unknown>, kind: ResponseKind, served: boolean, modern: boolean): Outcome {
  if (kind === KIND_ERROR) {
    const error = response['error'] as { code?: unknown };
    const code = error.code;
    const statusCode = statusCodeOf(code);
    const callerError = served && typeof code === 'number' && (CALLER_ERROR_CODES.has(code) || (code === RESOURCE_NOT_FOUND_BEFORE_2026 && !modern));
    return { errorType: callerError ? undefined : statusCode, statusCode, inputRequired: false };
  }
  if (method !== 'tools/call' && !(modern && MULTI_ROUND_TRIP_METHODS.has(method))) return SUCCESS;
  const result = response['result'];
  if (typeof result !== 'object' || result === null) return SUCCESS;
  if (modern && (result as { resultType?: unknown }).resultType === 'input_required') return INPUT_REQUIRED;
  return method === 'tools/call' && (result as { isError?: unknown }).isError === true ? TOOL_ERROR : SUCCESS;
}

/** A bounded string form of a JSON-RPC error code. */
export function statusCodeOf(code: unknown): string {
  if (typeof code !== 'number' || !Number.isSafeInteger(code)) return VALUE_OTHER;
  const text = String(code);
  return KNOWN_CODES.has(code) ? text : otherCodes.admit(text);
}
