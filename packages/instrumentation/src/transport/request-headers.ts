/**
 * The HTTP request headers a Streamable HTTP server transport hands over with each message it
 * delivers: SDK 1.x passes `{ requestInfo: { headers } }` (a plain object, lower-case keys), SDK 2.x
 * passes `{ request }` (a web `Request`, whose `headers.get()` ignores case). Header values are only
 * compared with the body and read as a protocol version; they are never recorded as attributes.
 */

/** The headers object carried by `onmessage`'s second argument, if any. */
export function requestHeadersOf(extra: unknown): unknown {
  if (typeof extra !== 'object' || extra === null) return undefined;
  const e = extra as { requestInfo?: { headers?: unknown }; request?: { headers?: unknown } };
  return e.requestInfo?.headers ?? e.request?.headers;
}

/** One header value from a `Headers` object or a plain record; `undefined` when absent or repeated. */
export function readHeader(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const get = (headers as { get?: unknown }).get;
  const value: unknown = typeof get === 'function' ? (get as (n: string) => unknown).call(headers, name) : (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The body field the `Mcp-Name` header mirrors, by method (protocol 2026-07-28, SEP-2243; the
 * `tasks/*` rows from the tasks extension's HTTP binding).
 */
const NAME_SOURCE: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    'tools/call': 'name',
    'prompts/get': 'name',
    'resources/read': 'uri',
    'tasks/get': 'taskId',
    'tasks/update': 'taskId',
    'tasks/cancel': 'taskId',
  }),
);

const BASE64_SENTINEL = /^=\?base64\?([A-Za-z0-9+/]*={0,2})\?=$/;

/**
 * Whether the `Mcp-Method` / `Mcp-Name` headers of the request that carried a message disagree with
 * its body. Absent headers are no mismatch (peers before 2026-07-28 send none); a `Mcp-Name` in the
 * base64 form (`=?base64?...?=`) is decoded first.
 */
export function headersDisagree(headers: unknown, method: string, params: unknown): boolean {
  const methodHeader = readHeader(headers, 'mcp-method');
  if (methodHeader !== undefined && methodHeader.trim() !== method) return true;
  const nameHeader = readHeader(headers, 'mcp-name');
  if (nameHeader === undefined) return false;
  const field = NAME_SOURCE[method];
  const body = field !== undefined && typeof params === 'object' && params !== null ? (params as Record<string, unknown>)[field] : undefined;
  if (typeof body !== 'string') return false;
  return decodeName(nameHeader.trim()) !== body;
}

function decodeName(value: string): string | undefined {
  const sentinel = BASE64_SENTINEL.exec(value);
  if (sentinel === null) return value;
  try {
    const binary = atob(sentinel[1] as string);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
