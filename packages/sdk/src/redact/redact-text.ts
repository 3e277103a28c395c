import { knownSecrets } from './known-secrets.js';
import { isSecretName, REDACTED } from './secret-name.js';

/**
 * The one redaction rule, part 2: secrets inside free text (a config value, a diag line, an error
 * message of a library). Every pattern is linear in the text (bounded runs, no nested repetition),
 * so a hostile multi-megabyte value cannot stall the caller.
 */

/** `scheme://user:password@host`: the whole userinfo goes (up to the last `@` before the host). */
const URL_USERINFO = /\b([a-z][a-z\d+.-]{0,30}:\/\/)[^\s/?#"'<>]*@/gi;
/** `user:password@host` without a scheme (a URL typed without `http://`). */
const BARE_USERINFO = /(^|[\s"'(=,])[^\s:/?#@"'<>=,]{1,200}:[^\s/?#@"'<>]{0,1000}@(?=[\w[])/g;
/** `?token=…&x=1`: a query (or `;`-separated) parameter. */
const QUERY_PARAMETER = /([?&;])([^=&#\s"';?]{1,200})=([^&#\s"';]*)/g;
/**
 * `authorization=Bearer X,x-tenant=a`: an item of a `k=v` list (the `OTEL_EXPORTER_OTLP_HEADERS`
 * form, logfmt). A secret's value runs to the next `,` `;` `&` quote or line end (it may hold
 * spaces: `Bearer X`). The value is found by hand, see `redactListItems`.
 */
const LIST_NAME = /(^|[\s,;{([])([\w.-]{1,200})[ \t]*=[ \t]*/g;
const LIST_VALUE_END = /[,;&\r\n"']/g;
/** `Bearer abc`, `Basic dXNlcg==`: the credentials of an HTTP `Authorization` value. */
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)[\w\-.~+/]+=*/gi;
/** `"apiKey": "…"`, `password: '…'`, `token="…"` (JSON, `util.inspect`, logfmt). The value is scanned by hand. */
const QUOTED_NAME = /(?<![\w.-])(["']?)([\w.-]{1,200})\1[ \t]*[:=][ \t]*(["'])/g;

/**
 * Replaces every secret in `text` with `[REDACTED]`: URL userinfo, query parameters and `k=v` items
 * named like secrets, `Bearer`/`Basic` credentials, quoted `"name": "value"` pairs with a secret
 * name, and every secret value of the configurations resolved in this process. Text without
 * secrets comes back unchanged. The SDK's diag logger writes every line through it.
 *
 * @example
 * ```ts
 * import { redactText } from '@mcp-otel/sdk';
 *
 * redactText('POST https://u:pw@otlp.example.com/v1/metrics?token=abc failed');
 * // 'POST https://[REDACTED]@otlp.example.com/v1/metrics?token=[REDACTED] failed'
 * ```
 */
export function redactText(text: string): string {
  let result = text;
  for (const secret of knownSecrets()) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  // Each pattern needs a character most text lacks: checking for it first keeps the common case
  // (paths, plain values; 100k of them for a file of unknown keys) to a few scans.
  if (result.includes('@')) {
    result = result.replace(URL_USERINFO, `$1${REDACTED}@`);
    result = result.replace(BARE_USERINFO, `$1${REDACTED}@`);
  }
  if (result.includes('=')) {
    result = result.replace(QUERY_PARAMETER, (match, separator: string, name: string) =>
      isSecretName(decodeName(name)) ? `${separator}${name}=${REDACTED}` : match,
    );
    result = redactListItems(result);
  }
  if (AUTH_SCHEME_HINT.test(result)) result = result.replace(AUTH_SCHEME, (_match, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
  return result.includes('"') || result.includes("'") ? redactQuotedValues(result) : result;
}

const AUTH_SCHEME_HINT = /bearer|basic/i;

/**
 * `name=value` items with a secret name. After any other name the scan goes on right after its
 * `=`, so `level=info token=abc` still finds the token.
 */
function redactListItems(text: string): string {
  let result = '';
  let copied = 0;
  LIST_NAME.lastIndex = 0;
  for (let match = LIST_NAME.exec(text); match !== null; match = LIST_NAME.exec(text)) {
    const valueStart = match.index + match[0].length;
    if (!isSecretName(match[2]!)) {
      LIST_NAME.lastIndex = valueStart;
      continue;
    }
    LIST_VALUE_END.lastIndex = valueStart;
    const end = LIST_VALUE_END.exec(text)?.index ?? text.length;
    if (end > valueStart) {
      result += text.slice(copied, valueStart) + REDACTED;
      copied = end;
    }
    LIST_NAME.lastIndex = Math.max(end, valueStart);
  }
  return copied === 0 ? text : result + text.slice(copied);
}

/** `"name": "value"` with a secret name: the value up to its closing quote (or the end of the line). */
function redactQuotedValues(text: string): string {
  let result = '';
  let copied = 0;
  QUOTED_NAME.lastIndex = 0;
  for (let match = QUOTED_NAME.exec(text); match !== null; match = QUOTED_NAME.exec(text)) {
    const valueStart = match.index + match[0].length;
    const end = closingQuote(text, valueStart, match[3]!);
    if (isSecretName(match[2]!)) {
      result += text.slice(copied, valueStart) + REDACTED;
      copied = end;
    }
    // Continue after the value either way: each character is scanned once.
    QUOTED_NAME.lastIndex = Math.max(end, valueStart);
  }
  return copied === 0 ? text : result + text.slice(copied);
}

/** The index of the quote closing a value that starts at `start` (escapes skipped), or of the line end. */
function closingQuote(text: string, start: number, quote: string): number {
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === quote || char === '\n' || char === '\r') return index;
  }
  return text.length;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
