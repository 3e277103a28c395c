/**
 * The one redaction rule of the SDK, part 1: which names hold secrets. Everything the SDK prints
 * (config errors, `check-config`, a printed `handle.config`, diag lines) goes through the redact
 * module, so a secret given in any input never reaches any output. See docs/configuration.md
 * "Secrets are never printed".
 */

/**
 * What every redacted value is shown as.
 *
 * @example
 * ```ts
 * import { REDACTED, redactValue } from '@mcp-otel/sdk';
 *
 * redactValue({ authorization: 'Bearer abc' }); // { authorization: REDACTED }, i.e. '[REDACTED]'
 * ```
 */
export const REDACTED = '[REDACTED]';

/**
 * Names whose values are secrets wherever they appear (a config key, an env variable, a query
 * parameter, a JSON key): `authorization`, `*token*`, `*key*`, `*secret*`, `*password*`,
 * `*passwd*`, `*pwd*`, `*credential*`, `*cookie*`, `*signature*` anywhere in the name, and the
 * words `auth` and `sig` (`auth`, `basic_auth`, `x-auth`, `authToken`; not `author` or
 * `allowUnauthenticated`). Broad on purpose: hiding a harmless value costs little, printing a
 * credential cannot be undone.
 */
const SECRET_PART = /authorization|token|key|secret|passw|pwd|credential|cookie|signature/i;
const SECRET_WORDS = new Set(['auth', 'sig']);

/** Whether a value under `name` is a secret. */
export function isSecretName(name: string): boolean {
  if (SECRET_PART.test(name)) return true;
  // Words of `basicAuth`, `x-auth-scheme`, `SIG`: split at camelCase humps and non-alphanumerics.
  const words = name.replace(/([a-z\d])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z\d]+/);
  return words.some((word) => SECRET_WORDS.has(word));
}

/** `headers` (any case): every value under it is a secret, whatever its own name. */
export function isHeadersName(name: string): boolean {
  return name.toLowerCase() === 'headers';
}
