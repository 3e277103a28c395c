/**
 * Literal secret values of the configurations resolved in this process (header values, URL
 * passwords, values under secret names). Text printed by code we do not control (OTel's diag
 * messages, errors of Node's HTTP client) can only be redacted by value: `redactText` replaces every
 * remembered value, whatever surrounds it.
 */

/** Shorter values are not remembered: replacing every `"1"` or `"on"` in a log line would garble it. */
export const MIN_KNOWN_SECRET_LENGTH = 6;
/** A bound, so a process that resolves many configs does not grow without limit (oldest go first). */
const MAX_KNOWN_SECRETS = 256;

const known = new Set<string>();
let longestFirst: readonly string[] = [];

/** Remembers secret values for `redactText`. */
export function rememberSecrets(values: Iterable<string>): void {
  let changed = false;
  for (const value of values) {
    if (value.length < MIN_KNOWN_SECRET_LENGTH || known.has(value)) continue;
    known.add(value);
    changed = true;
    if (known.size > MAX_KNOWN_SECRETS) known.delete(known.values().next().value as string);
  }
  if (changed) longestFirst = [...known].sort((a, b) => b.length - a.length);
}

/** The remembered values, longest first (so a value that contains another is replaced whole). */
export function knownSecrets(): readonly string[] {
  return longestFirst;
}

/** For tests: forgets every remembered value. */
export function forgetKnownSecrets(): void {
  known.clear();
  longestFirst = [];
}
