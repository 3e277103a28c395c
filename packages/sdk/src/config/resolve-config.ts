import { loadConfigFile } from '../platform/node/load-config-file.js';
import { readProcessEnv } from '../platform/node/read-process-env.js';
import type { ConfigIssue } from './config-error.js';
import { ConfigError } from './config-error.js';
import { EnvReader } from './env/env-reader.js';
import { mergeLayers } from './merge-layers.js';
import { normalizeConfig } from './normalize.js';
import type { ParsedLayer } from './parse-layer.js';
import { emptyLayer, parseLayer } from './parse-layer.js';
import { clampExportTimeouts } from './export-timeouts.js';
import { checkObservability } from './observability-normalize.js';
import { findPortConflicts } from './port-conflicts.js';
import { protectEndpoints } from './unprotected-endpoints.js';
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
  const { config, issues } = resolveConfigLeniently(input);
  if (issues.length > 0) throw new ConfigError(issues);
  return config;
}

/** The config in force and the problems found on the way. */
export interface LenientResolution {
  /** Every invalid value left out (its lower-precedence source or default applies instead). */
  config: ResolvedConfig;
  /** Every problem of every source; empty when the config is valid. */
  issues: ConfigIssue[];
}

/**
 * `resolveConfig` without throwing, for `startMetrics` outside strict mode: invalid values are left
 * out (the next source or the default applies), an unprotected endpoint beyond loopback is bound to
 * loopback, a Prometheus exporter that clashes with an earlier one is dropped, an OTLP timeout
 * longer than the interval is cut to it, an alert rule or notifier that cannot work as written is
 * left out, and a health port a Prometheus exporter uses falls back to serving health beside
 * `/metrics`; each is an issue.
 */
export function resolveConfigLeniently(input: ResolveConfigInput = {}): LenientResolution {
  const env = new EnvReader(input.env ?? readProcessEnv());
  const code = parseLayer(input.config, { kind: 'code' });
  const file = readFileLayer(input.configFile, env);
  const merged = mergeLayers(code, file, env);
  const resolved = normalizeConfig(merged);
  const exposed = protectEndpoints(merged.exporters, resolved);
  const conflicts = findPortConflicts(merged.exporters, resolved.exporters);
  const timeouts = clampExportTimeouts(merged.exporters, resolved);
  resolved.exporters = resolved.exporters.filter((_, index) => !conflicts.clashing.includes(index));
  const observability = checkObservability(merged, resolved);
  const issues: ConfigIssue[] = [...code.issues, ...env.issues, ...file.issues, ...exposed, ...conflicts.issues, ...timeouts, ...observability];
  return { config: resolved, issues };
}

function readFileLayer(configFile: string | undefined, env: EnvReader): ParsedLayer {
  const fromEnv = configFile === undefined ? env.text(CONFIG_FILE_VARIABLE) : undefined;
  const path = configFile ?? fromEnv;
  if (path === undefined) return emptyLayer();
  const loaded = loadConfigFile(path, fromEnv === undefined ? undefined : `env ${CONFIG_FILE_VARIABLE}`);
  if (!loaded.ok) return { ...emptyLayer(), issues: loaded.issues };
  return parseLayer(loaded.data, { kind: 'file', file: loaded.file });
}
