import { ConfigError } from './config-error.js';
import type { EnvSource } from './env/env-reader.js';
import { EnvReader } from './env/env-reader.js';
import { readSdkDisabled } from './env/env-variables.js';

/**
 * Whether `OTEL_SDK_DISABLED` turns the SDK off: `true` (any case) does; unset, empty or `false`
 * does not; any other value (`yes`, `1`) throws a `ConfigError` naming the variable, since the
 * OTel spec gives only `true` that meaning and a silent guess would hide a typo. The config field
 * `enabled: false` also disables (`resolveConfig` combines both into `ResolvedConfig.enabled`).
 *
 * @param env - the variables to read, e.g. `process.env`.
 * @example
 * ```ts
 * import { isSdkDisabled } from '@mcp-otel/sdk';
 *
 * isSdkDisabled({ OTEL_SDK_DISABLED: 'TRUE' }); // true
 * isSdkDisabled({}); // false
 * isSdkDisabled({ OTEL_SDK_DISABLED: 'yes' }); // throws ConfigError: env OTEL_SDK_DISABLED: got "yes", …
 * ```
 */
export function isSdkDisabled(env: EnvSource): boolean {
  const reader = new EnvReader(env);
  const disabled = readSdkDisabled(reader);
  if (reader.issues.length > 0) throw new ConfigError(reader.issues);
  return disabled;
}
