import type { ConfigHost, LenientResolution, ResolveConfigInput } from '../../config/resolve-config.js';
import { resolveConfig as resolveWithHost, resolveConfigLeniently as resolveLenientlyWithHost } from '../../config/resolve-config.js';
import type { ResolvedConfig } from '../../config/resolved-config.js';
import { loadConfigFile } from './load-config-file.js';

/**
 * The process environment, the default env source of the config pipeline. The only place the
 * config code touches `process.env`, so every other function takes env as a parameter (tests pass
 * their own).
 */
export function readProcessEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

/** Node's environment and files, for the config pipeline. */
export const NODE_CONFIG_HOST: ConfigHost = { env: readProcessEnv, loadFile: loadConfigFile };

/**
 * Resolves the configuration: reads the config object, the `OTEL_*` environment variables
 * (`process.env` unless `env` is given) and the config file (`configFile`, else env
 * `MCP_OTEL_CONFIG`); merges them (per field: object > env > file > default, see
 * docs/configuration.md); validates everything and applies every default. Synchronous.
 *
 * Throws a `ConfigError` listing every problem of every source at once. `OTEL_SDK_DISABLED=true`
 * or `enabled: false` still resolves (and validates) the config, with `enabled: false`.
 *
 * @example
 * ```ts
 * import { resolveConfig } from '@mcp-otel/sdk';
 *
 * const resolved = resolveConfig({
 *   config: { serviceName: 'weather-mcp', exporters: [{ type: 'otlp' }] },
 *   env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' },
 * });
 * resolved.exporters[0]; // { type: 'otlp', endpoint: 'http://collector:4318/v1/metrics', timeoutMs: 10000, … }
 * resolved.collectionIntervalMs; // 60000
 * ```
 */
export function resolveConfig(input: ResolveConfigInput = {}): ResolvedConfig {
  return resolveWithHost(input, NODE_CONFIG_HOST);
}

/** `resolveConfig` that leaves invalid values out instead of throwing (`startMetrics` uses it; see config/resolve-config.ts). */
export function resolveConfigLeniently(input: ResolveConfigInput = {}): LenientResolution {
  return resolveLenientlyWithHost(input, NODE_CONFIG_HOST);
}
