/** Kinds of JSON-RPC message, as small integers so per-kind cells are array slots, not map lookups. */
export const KIND_REQUEST = 0;
export const KIND_NOTIFICATION = 1;
export const KIND_RESPONSE = 2;
export const KIND_ERROR = 3;
export const KIND_INVALID = 4;
export type MessageKind = 0 | 1 | 2 | 3 | 4;
/** The kinds that answer a request: a `result` or an `error` message. */
export type ResponseKind = typeof KIND_RESPONSE | typeof KIND_ERROR;

/** Values of `mcp_otel.message.kind`, indexed by {@link MessageKind}. */
export const KIND_NAMES: readonly string[] = Object.freeze(['request', 'notification', 'response', 'error', 'invalid']);
export const KIND_COUNT = 5;

/** A JSON-RPC id as the MCP SDKs accept it: a string or a safe integer. */
export type JsonRpcId = string | number;

/**
 * Classifies a message by shape alone (no schema parse, no allocation). Anything that is not a single
 * JSON-RPC 2.0 object, such as a batch array or a missing `jsonrpc`, is `invalid`; so is a message
 * with an id both MCP SDK lines (1.x and 2.x share the schema) reject: one that is not a string or a
 * safe integer (`1e308`, `2 ** 53`, `1.5`). For requests received, {@link isServableRequest} holds
 * the rest of their request schema.
 */
export function classifyMessage(message: unknown): MessageKind {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return KIND_INVALID;
  const m = message as Record<string, unknown>;
  return classifyFields(m, m['method'], m['id']);
}

/**
 * {@link classifyMessage} for a caller that already read `method` and `id` (messages come in many
 * shapes, so every property read is a slow megamorphic load; reading each once matters).
 */
export function classifyFields(m: Record<string, unknown>, method: unknown, id: unknown): MessageKind {
  if (m['jsonrpc'] !== '2.0') return KIND_INVALID;
  if (typeof method === 'string') {
    if (id === undefined) return 'id' in m ? KIND_INVALID : KIND_NOTIFICATION;
    return isId(id) ? KIND_REQUEST : KIND_INVALID;
  }
  if (!isId(id)) return KIND_INVALID;
  if ('result' in m) return KIND_RESPONSE;
  const error = m['error'];
  return typeof error === 'object' && error !== null ? KIND_ERROR : KIND_INVALID;
}

export function isId(id: unknown): id is JsonRpcId {
  return typeof id === 'string' || Number.isSafeInteger(id);
}

/**
 * Whether a received request passes the rest of the SDKs' strict `JSONRPCRequestSchema`: params an
 * object (not `null`, not an array), `_meta` an object with a valid `progressToken`, and no key
 * beyond `jsonrpc`, `id`, `method`, `params` (a `toJSON` member is such a key). The SDKs drop other
 * requests without an answer; counted as requests they would stay in flight forever. Only received
 * requests are checked: what the local SDK sends it built itself.
 */
export function isServableRequest(m: Record<string, unknown>): boolean {
  for (const key in m) {
    if (key !== 'jsonrpc' && key !== 'id' && key !== 'method' && key !== 'params') return false;
  }
  const params = m['params'];
  if (params === undefined) return true;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return false;
  const meta = (params as Record<string, unknown>)['_meta'];
  if (meta === undefined) return true;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return false;
  const token = (meta as Record<string, unknown>)['progressToken'];
  return token === undefined || isId(token);
}
