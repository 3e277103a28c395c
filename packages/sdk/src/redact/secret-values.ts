import { isHeadersName, isSecretName } from './secret-name.js';

/**
 * The literal secrets inside a structured value, by the same rule as `redactValue`: strings under a
 * secret name or under `headers`, and the userinfo and secret query parameters of URLs. They are
 * remembered (`rememberSecrets`) so text we do not format ourselves can be redacted by value.
 */
export function secretValues(value: unknown): string[] {
  const found: string[] = [];
  collect(value, undefined, false, found, 0);
  return found;
}

const MAX_DEPTH = 32;

function collect(value: unknown, name: string | undefined, secret: boolean, found: string[], depth: number): void {
  const isSecret = secret || (name !== undefined && (isSecretName(name) || isHeadersName(name)));
  if (typeof value === 'string') {
    if (isSecret) found.push(value);
    else found.push(...secretsInUrl(value));
    return;
  }
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, undefined, isSecret, found, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) collect(record[key], key, isSecret, found, depth + 1);
}

/** The password, user and secret query values of a URL, both as written and decoded. */
function secretsInUrl(text: string): string[] {
  if (!text.includes('://')) return [];
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [];
  }
  const values = [url.username, url.password];
  for (const [name, value] of url.searchParams) if (isSecretName(name)) values.push(value);
  return values.flatMap((value) => [value, safeDecode(value)]).filter((value) => value !== '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
