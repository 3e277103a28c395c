import type { ResolvedConfig } from '../config/resolved-config.js';
import { rememberSecrets } from './known-secrets.js';
import { redactValue } from './redact-value.js';
import { secretValues } from './secret-values.js';

/**
 * A copy of a resolved configuration that is safe to print: header values, values under secret
 * names (`authorization`, `*token*`, `*key*`, `*secret*`, `*password*`), URL userinfo and token
 * query parameters show as `[REDACTED]`. `mcp-otel check-config` prints this.
 *
 * @example
 * ```ts
 * import { redactConfig, resolveConfig } from '@mcp-otel/sdk';
 *
 * const resolved = resolveConfig({ config: { exporters: [{ type: 'otlp', headers: { 'x-api-key': 'k3y' } }] } });
 * console.error(JSON.stringify(redactConfig(resolved))); // … "headers":{"x-api-key":"[REDACTED]"} …
 * ```
 */
export function redactConfig(config: ResolvedConfig): ResolvedConfig {
  return redactValue(config) as ResolvedConfig;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Makes a resolved configuration print redacted while its values stay usable: every object in it
 * gets a hidden `toJSON` and `util.inspect` hook that return the redacted copy, so
 * `JSON.stringify(handle.config)`, `console.log(handle.config)` or of any part of it print no
 * secret, while `handle.config.exporters[0].headers` still holds the values the exporter sends.
 * Also remembers the secret values, so diag lines redact them by value.
 */
export function protectConfig<T extends object>(config: T): T {
  rememberSecrets(secretValues(config));
  attachViews(config, undefined, 0);
  return config;
}

function attachViews(value: object, name: string | undefined, depth: number): void {
  if (depth > 32 || Object.hasOwn(value, 'toJSON')) return;
  const redacted = (): unknown => redactValue(value, name);
  Object.defineProperty(value, 'toJSON', { value: redacted, enumerable: false, configurable: true, writable: true });
  Object.defineProperty(value, INSPECT, {
    value: (_depth: number, options: object, inspect: (value: unknown, options: object) => string) => inspect(redacted(), options),
    enumerable: false,
    configurable: true,
    writable: true,
  });
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) if (typeof item === 'object' && item !== null) attachViews(item, undefined, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === 'object' && item !== null) attachViews(item, key, depth + 1);
  }
}
