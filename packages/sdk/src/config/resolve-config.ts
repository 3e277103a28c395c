import { loadConfigFile } from '../platform/node/load-config-file.js';
import { readProcessEnv } from '../platform/node/read-process-env.js';
import type { ConfigIssue } from './config-error.js';
import { ConfigError } from './config-error.js';
import { EnvReader } from './env/env-reader.js';
import { readLogLevel } from './env/env-variables.js';
import { protectConfig } from '../redact/redact-config.js';
import { mergeLayers } from './merge-layers.js';
import { normalizeConfig } from './normalize.js';
import type { ParsedLayer } from './parse-layer.js';
import { emptyLayer, parseLayer } from './parse-layer.js';
import { findPortConflicts } from './port-conflicts.js';
import type { ResolvedConfig } from './resolved-config.js';
import type { MetricsConfig } from './types.js';

/** The sources `resolveConfig` reads. */
export interface ResolveConfigInput {
  /** The configuration given in code; it wins over env and file. @default {} */
  config?: MetricsConfig;
  /** Environment variables. @default process.env */
  env?: Record<string, string | undefined>;
  /** A `.json`, `.yaml` or `.yml` config file, relative to the current directory. @default env `MCP_OTEL_CONFIG`, else none */
  configFile?: string;
}

const CONFIG_FILE_VARIABLE = 'MCP_OTEL_CONFIG';

/**
 * Resolves the configuration: reads the config object, the `OTEL_*` environment variables and the
 * config file; merges them (per field: object > env > file > default, see docs/configuration.md);
 * validates everything and applies every default. Synchronous.
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
  const env = new EnvReader(input.env ?? readProcessEnv());
  const code = parseLayer(input.config, { kind: 'code' });
  const file = readFileLayer(input.configFile, env);
  const merged = mergeLayers(code, file, env);
  readLogLevel(env);
  const resolved = normalizeConfig(merged);
  const issues: ConfigIssue[] = [...code.issues, ...env.issues, ...file.issues, ...findPortConflicts(merged.exporters, resolved.exporters)];
  if (issues.length > 0) throw new ConfigError(issues);
  // Printing it (JSON.stringify, console.log, util.inspect) shows no secret; the values stay usable.
  return protectConfig(resolved);
}

function readFileLayer(configFile: string | undefined, env: EnvReader): ParsedLayer {
  const fromEnv = configFile === undefined ? env.text(CONFIG_FILE_VARIABLE) : undefined;
  const path = configFile ?? fromEnv;
  if (path === undefined) return emptyLayer();
  const loaded = loadConfigFile(path, fromEnv === undefined ? undefined : `env ${CONFIG_FILE_VARIABLE}`);
  if (!loaded.ok) return { ...emptyLayer(), issues: loaded.issues };
  return parseLayer(loaded.data, { kind: 'file', file: loaded.file });
}
