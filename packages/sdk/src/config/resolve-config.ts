import type { ConfigIssue } from './config-error.js';
import { ConfigError, shownIssue } from './config-error.js';
import { EnvReader } from './env/env-reader.js';
import { readLogLevel } from './env/env-variables.js';
import { protectConfig } from '../redact/redact-config.js';
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
  /** Environment variables. @default process.env (Node), else `{}` */
  env?: Record<string, string | undefined>;
  /** A `.json`, `.yaml` or `.yml` config file, relative to the current directory. @default env `MCP_OTEL_CONFIG`, else none */
  configFile?: string;
}

const CONFIG_FILE_VARIABLE = 'MCP_OTEL_CONFIG';

/** A config file read and parsed: `data` is not validated yet. */
export type LoadedConfigFile = { ok: true; file: string; data: unknown } | { ok: false; file: string; issues: ConfigIssue[] };

/**
 * What only the host platform gives `resolveConfig`: its environment and its files. The Node entry
 * passes `process.env` and a file reader (platform/node/node-config.ts); elsewhere there are none.
 */
export interface ConfigHost {
  /** The environment used when `input.env` is not given. */
  readonly env: () => Readonly<Record<string, string | undefined>>;
  /** Reads and parses a config file; `undefined` on a platform without files. `origin` says where the path came from. */
  readonly loadFile: ((path: string, origin: string | undefined) => LoadedConfigFile) | undefined;
}

/** A host without environment or files (browsers, workers). */
export const NO_CONFIG_HOST: ConfigHost = { env: () => ({}), loadFile: undefined };

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
export function resolveConfig(input: ResolveConfigInput = {}, host: ConfigHost = NO_CONFIG_HOST): ResolvedConfig {
  const { config, issues } = resolveConfigLeniently(input, host);
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
export function resolveConfigLeniently(input: ResolveConfigInput = {}, host: ConfigHost = NO_CONFIG_HOST): LenientResolution {
  const env = new EnvReader(input.env ?? host.env());
  const code = parseLayer(input.config, { kind: 'code' });
  const file = readFileLayer(input.configFile, env, host);
  const merged = mergeLayers(code, file, env);
  readLogLevel(env);
  const resolved = normalizeConfig(merged);
  const exposed = protectEndpoints(merged.exporters, resolved);
  const conflicts = findPortConflicts(merged.exporters, resolved.exporters);
  const timeouts = clampExportTimeouts(merged.exporters, resolved);
  resolved.exporters = resolved.exporters.filter((_, index) => !conflicts.clashing.includes(index));
  const observability = checkObservability(merged, resolved);
  const issues: ConfigIssue[] = [...code.issues, ...env.issues, ...file.issues, ...exposed, ...conflicts.issues, ...timeouts, ...observability];
  // Printing the config (JSON.stringify, console.log, util.inspect) shows no secret, nor do the
  // issues, which outside strict mode become stderr lines and `handle.problems`.
  return { config: protectConfig(resolved), issues: issues.map(shownIssue) };
}

function readFileLayer(configFile: string | undefined, env: EnvReader, host: ConfigHost): ParsedLayer {
  const fromEnv = configFile === undefined ? env.text(CONFIG_FILE_VARIABLE) : undefined;
  const path = configFile ?? fromEnv;
  if (path === undefined) return emptyLayer();
  if (host.loadFile === undefined) {
    const expected = 'no config file on a platform without files';
    const message = 'config files need Node.js (the Node entry of @mcp-otel/sdk); pass the settings as `config` instead';
    return { ...emptyLayer(), issues: [{ path: `file ${path}`, value: path, expected, message }] };
  }
  const loaded = host.loadFile(path, fromEnv === undefined ? undefined : `env ${CONFIG_FILE_VARIABLE}`);
  if (!loaded.ok) return { ...emptyLayer(), issues: loaded.issues };
  return parseLayer(loaded.data, { kind: 'file', file: loaded.file });
}
