import { ConfigError, listIssues, redactConfig, resolveConfig } from '@mcp-otel/sdk';
import type { ResolvedConfig } from '@mcp-otel/sdk';

/** What `check-config` found. */
export type CheckConfigResult =
  | { ok: true; config: ResolvedConfig }
  | { ok: false; problems: string[]; count: number };

/** Options of `checkConfig`. */
export interface CheckConfigInput {
  /** The config file; `MCP_OTEL_CONFIG` from `env` when not given. @default none */
  configFile?: string;
  /** The environment variables to resolve with. */
  env: Record<string, string | undefined>;
  /**
   * Return the config with its secrets (header values, URL passwords, tokens) instead of
   * `[REDACTED]`, for a deliberate local look. Never in CI: its output ends up in logs.
   * @default false
   */
  showSecrets?: boolean;
}

/**
 * Resolves the configuration exactly as `startMetrics` would (file, then `OTEL_*` variables) and
 * returns the resolved config, redacted unless `showSecrets`, or the problems found, each as
 * `<path>: <problem>` (the first 20, then `… and N more`; `count` says how many there are).
 *
 * @example
 * ```ts
 * import { checkConfig } from '@mcp-otel/cli';
 *
 * const result = checkConfig({ configFile: 'mcp-otel.yaml', env: process.env });
 * if (!result.ok) console.error(result.problems.join('\n'));
 * ```
 */
export function checkConfig(input: CheckConfigInput): CheckConfigResult {
  let resolved: ResolvedConfig;
  try {
    resolved = resolveConfig({ configFile: input.configFile, env: input.env });
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, problems: listIssues(error.issues), count: error.issues.length };
    throw error;
  }
  // structuredClone drops the hidden redacting `toJSON` of the resolved config: the raw values.
  return { ok: true, config: input.showSecrets === true ? structuredClone(resolved) : redactConfig(resolved) };
}
