import { ConfigError, formatIssue, resolveConfig } from '@mcp-otel/sdk';
import type { ResolvedConfig } from '@mcp-otel/sdk';

/** What `check-config` found. */
export type CheckConfigResult =
  | { ok: true; config: ResolvedConfig }
  | { ok: false; problems: string[] };

/**
 * Resolves the configuration exactly as `startMetrics` would (file, then `OTEL_*` variables) and
 * returns the resolved config or every problem found, each as `<path>: <problem>`.
 *
 * @example
 * ```ts
 * import { checkConfig } from '@mcp-otel/cli';
 *
 * const result = checkConfig({ configFile: 'mcp-otel.yaml', env: process.env });
 * if (!result.ok) console.error(result.problems.join('\n'));
 * ```
 */
export function checkConfig(input: { configFile?: string; env: Record<string, string | undefined> }): CheckConfigResult {
  try {
    return { ok: true, config: resolveConfig({ configFile: input.configFile, env: input.env }) };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, problems: error.issues.map(formatIssue) };
    throw error;
  }
}
