import { dump } from 'js-yaml';
import { resolveConfig } from '../../config/resolve-config.js';
import type { ResolvedConfig } from '../../config/resolved-config.js';
import type { MetricsConfig } from '../../config/types.js';
import type { AlertExpression, RuleSelector } from '../alert-rule-types.js';
import { promDuration } from '../expression/promql-text.js';
import { toPromQL } from '../expression/to-promql.js';
import type { PrometheusNaming } from './prometheus-names.js';
import { MCP_OTEL_METRIC_UNITS } from './known-units.js';
import { prometheusNamingOf } from './prometheus-names.js';

/** One alerting rule of a Prometheus rules file. */
export interface PrometheusAlertingRule {
  alert: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A Prometheus rules file (`groups:`), as data. */
export interface PrometheusRulesFile {
  groups: Array<{ name: string; interval: string; rules: PrometheusAlertingRule[] }>;
}

/** A rule that could not be written, and why. */
export interface RuleProblem {
  rule: string;
  problems: string[];
}

/** What {@link rulesFromResolvedConfig} made of the rules. */
export interface PrometheusRules {
  file: PrometheusRulesFile;
  /** The file as YAML, ready for `rule_files:` (and `promtool check rules`). */
  yaml: string;
  /** Rules left out of the file, with the reasons. Empty when every rule was written. */
  problems: RuleProblem[];
}

/** Options of {@link rulesFromResolvedConfig}. */
export interface PrometheusRulesOptions {
  /** The rule group's name. @default "mcp-otel" */
  groupName?: string;
  /** How Prometheus names the series. @default the naming of the config's Prometheus exporter */
  naming?: PrometheusNaming;
  /**
   * Units of metrics (OTel name to unit) for names that carry units, besides the rules' own `unit`
   * and the units of mcp-otel's own metrics (docs/metrics.md). @default {}
   */
  units?: Record<string, string>;
}

/**
 * The alert rules of a config as a Prometheus rules file (see {@link rulesFromResolvedConfig}).
 * The config is validated as `startMetrics` would (without reading env unless `env` is given), so
 * a bad rule throws a `ConfigError` naming it.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { toPrometheusRules } from '@mcp-otel/sdk';
 *
 * const { yaml, problems } = toPrometheusRules({ alerts: { rules: [{ name: 'ToolErrors', severity: 'warning', for: '1m',
 *   expr: { type: 'rate', metric: 'mcp.server.operation.duration', field: 'count', window: '5m', threshold: 1,
 *     attributes: { 'error.type': { op: '!=', value: '' } } } }] } });
 * // expr: sum(rate(mcp_server_operation_duration_seconds_count{error_type!=""}[5m])) > 1
 * if (problems.length === 0) writeFileSync('mcp-otel.rules.yml', yaml);
 * ```
 */
export function toPrometheusRules(config: MetricsConfig, options: PrometheusRulesOptions & { env?: Record<string, string | undefined> } = {}): PrometheusRules {
  return rulesFromResolvedConfig(resolveConfig({ config, env: options.env ?? {} }), options);
}

/**
 * The alert rules of a resolved config as a Prometheus rules file: the same expressions, with the
 * series and label names Prometheus sees on `/metrics` (`_total`, `_bucket`, `otel_scope_name`),
 * the same `for`, `keep_firing_for`, labels (with `severity`) and annotations, in one group
 * evaluated at `alerts.evaluationInterval`. A rule PromQL cannot hold as written is reported in
 * `problems`, never dropped silently.
 *
 * @example
 * ```ts
 * const rules = rulesFromResolvedConfig(resolveConfig({ configFile: 'mcp-otel.yaml' }));
 * for (const { rule, problems } of rules.problems) console.error(rule, problems.join('; '));
 * ```
 */
export function rulesFromResolvedConfig(config: Pick<ResolvedConfig, 'alerts' | 'exporters'>, options: PrometheusRulesOptions = {}): PrometheusRules {
  const naming = options.naming ?? prometheusNamingOf(config);
  const units = options.units ?? {};
  const unitOf = (selector: RuleSelector) => selector.unit ?? units[selector.metric] ?? MCP_OTEL_METRIC_UNITS[selector.metric];
  const rules: PrometheusAlertingRule[] = [];
  const problems: RuleProblem[] = [];
  for (const rule of config.alerts?.rules ?? []) {
    const promql = toPromQL(rule.expr, naming, unitOf);
    if (!promql.ok) {
      problems.push({ rule: rule.name, problems: promql.problems });
      continue;
    }
    // Keys in the order Prometheus' own rule files use.
    const written: PrometheusAlertingRule = { alert: rule.name, expr: promql.promql } as PrometheusAlertingRule;
    if (rule.forMs > 0) written.for = promDuration(rule.forMs);
    if (rule.keepFiringForMs > 0) written.keep_firing_for = promDuration(rule.keepFiringForMs);
    written.labels = { severity: rule.severity, ...rule.labels };
    if (Object.keys(rule.annotations).length > 0) written.annotations = { ...rule.annotations };
    rules.push(written);
  }
  const interval = promDuration(config.alerts?.evaluationIntervalMs ?? 15_000);
  const file: PrometheusRulesFile = { groups: [{ name: options.groupName ?? 'mcp-otel', interval, rules }] };
  return { file, yaml: dump(file, { lineWidth: -1, noRefs: true }), problems };
}

/** The PromQL of one expression with the default naming (for docs and messages). */
export function expressionToPromQL(expr: AlertExpression, naming: PrometheusNaming = { withoutUnits: false }): string {
  const result = toPromQL(expr, naming, (selector) => selector.unit ?? MCP_OTEL_METRIC_UNITS[selector.metric]);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.promql;
}
