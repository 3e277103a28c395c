import { ConfigError, formatIssue, resolveConfig, rulesFromResolvedConfig } from '@mcp-otel/sdk';

/** What `rules` made of a config. */
export type PrometheusRulesCommandResult =
  | {
      ok: true;
      /** The Prometheus rules file (YAML) with every rule that could be written. */
      yaml: string;
      /** Rules left out, each as `<rule>: <problem>`; empty when every rule was written. */
      problems: string[];
    }
  | { ok: false; problems: string[] };

/**
 * Resolves the configuration as `startMetrics` would and writes its alert rules as a Prometheus
 * rules file (`toPrometheusRules`), with the series names Prometheus sees on `/metrics`. Every rule
 * that PromQL cannot hold as written is listed, never dropped silently.
 *
 * @example
 * ```ts
 * import { prometheusRules } from '@mcp-otel/cli';
 * import { writeFileSync } from 'node:fs';
 *
 * const result = prometheusRules({ configFile: 'mcp-otel.yaml', env: process.env });
 * if (result.ok) writeFileSync('mcp-otel.rules.yml', result.yaml);
 * ```
 */
export function prometheusRules(input: { configFile?: string; env: Record<string, string | undefined> }): PrometheusRulesCommandResult {
  let config;
  try {
    config = resolveConfig({ configFile: input.configFile, env: input.env });
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, problems: error.issues.map(formatIssue) };
    throw error;
  }
  if (config.alerts === undefined) return { ok: false, problems: ['alerts.rules: the config has no alert rules; add them under "alerts": { "rules": [ ... ] }'] };
  const rules = rulesFromResolvedConfig(config);
  return { ok: true, yaml: rules.yaml, problems: rules.problems.flatMap(({ rule, problems }) => problems.map((problem) => `${rule}: ${problem}`)) };
}
