import { redactText } from './redact-text.js';
import { isHeadersName, isSecretName, REDACTED } from './secret-name.js';

/**
 * The one redaction rule, part 3: secrets inside structured values (a config object, an issue's
 * value, a diag argument). A copy comes back; the input is never changed.
 *
 * - under a secret name (`authorization`, `*token*`, `*key*`, ...): `[REDACTED]`, whatever the type;
 * - under `headers`: every header value is `[REDACTED]` (names stay); a string (`k=v,k2=v2`, the env
 *   form pasted into config) keeps its names only; any other type is `[REDACTED]`;
 * - strings anywhere: `redactText` (URL userinfo, token query parameters, `Bearer …`, known secrets);
 * - the `url` of a webhook notifier (`{ type: 'webhook', url }`): origin only, because chat webhooks
 *   (Slack, Teams, Discord) carry their credential in the path.
 */

/** How deep a structure is copied; deeper parts are shown as `[…]` (config is shallow). */
const MAX_DEPTH = 32;
const TOO_DEEP = '[…]';
const CIRCULAR = '[Circular]';
const UNREADABLE = '[unreadable]';

/**
 * A redacted copy of `value`, which sits under the key `name` (if any) of its parent.
 *
 * @example
 * ```ts
 * redactValue({ endpoint: 'https://u:pw@otlp.example.com', headers: { 'x-api-key': 'k' } });
 * // { endpoint: 'https://[REDACTED]@otlp.example.com', headers: { 'x-api-key': '[REDACTED]' } }
 * ```
 */
export function redactValue(value: unknown, name?: string): unknown {
  try {
    return redact(value, name, 0, new WeakSet());
  } catch {
    // A hostile object (a proxy whose traps throw): nothing of it can be shown safely.
    return UNREADABLE;
  }
}

/** A header list string (`authorization=Bearer X,x-tenant=a`) with every value hidden. */
export function redactHeaderList(text: string): string {
  return text
    .split(',')
    .map((item) => {
      const equals = item.indexOf('=');
      return equals < 0 ? (item.trim() === '' ? item : REDACTED) : `${item.slice(0, equals)}=${REDACTED}`;
    })
    .join(',');
}

function redact(value: unknown, name: string | undefined, depth: number, seen: WeakSet<object>): unknown {
  if (name !== undefined && isSecretName(name)) return value === undefined ? undefined : REDACTED;
  if (name !== undefined && isHeadersName(name)) return redactHeaders(value);
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date || value instanceof RegExp) return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (seen.has(value)) return CIRCULAR;
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redact(item, undefined, depth + 1, seen));
    if (value instanceof Map) return new Map([...value].map(([key, item]) => [typeof key === 'string' ? redactText(key) : key, redact(item, String(key), depth + 1, seen)]));
    const copy: Record<string, unknown> = {};
    const webhook = read(value, 'type') === 'webhook';
    // Keys are scrubbed too: a key may be a pasted URL with a password in it.
    for (const key of Object.keys(value)) {
      const item = read(value, key);
      copy[redactText(key)] = webhook && key === 'url' && typeof item === 'string' ? webhookOrigin(item) : redact(item, key, depth + 1, seen);
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}

function redactHeaders(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return redactHeaderList(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return REDACTED;
  const copy: Record<string, unknown> = {};
  const entries = value instanceof Map ? [...value.keys()].map(String) : Object.keys(value);
  for (const key of entries) copy[redactText(key)] = REDACTED;
  return copy;
}

/** `https://hooks.slack.com/services/T0/B0/abc123` → `https://hooks.slack.com/[REDACTED]`. */
function webhookOrigin(url: string): string {
  try {
    const parsed = new URL(url);
    const hidden = parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '';
    return `${parsed.protocol}//${parsed.host}/${hidden ? REDACTED : ''}`;
  } catch {
    return REDACTED;
  }
}

/** A property, or a marker when its getter throws (values from code may be anything). */
function read(object: object, key: string): unknown {
  try {
    return (object as Record<string, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
}
