import { durationToMs } from '../../config/duration.js';
import type { AlertExpression, RuleSelector } from '../alert-rule-types.js';
import type { PrometheusNaming } from '../prometheus/prometheus-names.js';
import { prometheusLabelName, prometheusMetricFamily } from '../prometheus/prometheus-names.js';
import type { SelectorUse } from './expression-parts.js';
import { aggregationOf, selectorUses } from './expression-parts.js';
import { promDuration, promNumber, promString, re2Problem } from './promql-text.js';

/** The unit to name a selector's metric with, when names carry units; `undefined` when unknown. */
export type UnitLookup = (selector: RuleSelector) => string | undefined;

/** An expression as PromQL, or why it cannot be written as one. */
export type PromqlResult = { ok: true; promql: string } | { ok: false; problems: string[] };

/**
 * Writes an alert expression as the PromQL a Prometheus rule evaluates, with the series names and
 * label names `/metrics` serves (see `prometheus-names.ts`). Everything that would make the
 * Prometheus rule select other series than the in-process rule is a problem, never a silent guess:
 * a name with no valid Prometheus form, a unit that is needed but unknown, attribute keys that
 * become the same label, a regular expression RE2 cannot run.
 */
export function toPromQL(expr: AlertExpression, naming: PrometheusNaming, unitOf: UnitLookup): PromqlResult {
  const problems: string[] = [];
  const selectors = selectorUses(expr).map((use) => selectorText(use, naming, unitOf, problems));
  const by = (expr.type === 'absent' ? [] : (expr.by ?? [])).map((key) => prometheusLabelName(key));
  checkDistinct('by', expr.type === 'absent' ? [] : (expr.by ?? []), problems);
  if (problems.length > 0) return { ok: false, problems };
  const range = 'window' in expr && expr.window !== undefined ? `[${promDuration(durationToMs(expr.window) ?? 0)}]` : '';
  const grouped = (op: string, inner: string) => (by.length > 0 ? `${op} by (${by.join(', ')}) (${inner})` : `${op}(${inner})`);
  let promql: string;
  switch (expr.type) {
    case 'value':
      promql = grouped(aggregationOf(expr), selectors[0]!);
      break;
    case 'rate':
    case 'increase':
    case 'avg_over_time':
    case 'max_over_time':
      promql = grouped(aggregationOf(expr), `${expr.type}(${selectors[0]!}${range})`);
      break;
    case 'ratio':
      promql = `${grouped('sum', `rate(${selectors[0]!}${range})`)} / ${grouped('sum', `rate(${selectors[1]!}${range})`)}`;
      break;
    case 'quantile':
      promql = `histogram_quantile(${promNumber(expr.quantile)}, sum by (${['le', ...by].join(', ')}) (rate(${selectors[0]!}${range})))`;
      break;
    case 'absent':
      return { ok: true, promql: range === '' ? `absent(${selectors[0]!})` : `absent_over_time(${selectors[0]!}${range})` };
  }
  return { ok: true, promql: `${promql} ${expr.op ?? '>'} ${promNumber(expr.threshold)}` };
}

/** `name{label="value",...}` for one selector, problems appended. */
function selectorText(use: SelectorUse, naming: PrometheusNaming, unitOf: UnitLookup, problems: string[]): string {
  const { selector } = use;
  const unit = naming.withoutUnits ? '' : unitOf(selector);
  if (unit === undefined) {
    problems.push(`the unit of metric "${selector.metric}" is not known, and Prometheus names carry units: add unit (e.g. "s") to the selector`);
  }
  let name = prometheusMetricFamily({ name: selector.metric, kind: use.nameKind, unit: unit ?? '' }, naming);
  if (name === undefined) {
    problems.push(`metric "${selector.metric}" has no valid Prometheus name`);
    name = '';
  } else if (use.histogramSeries !== undefined) {
    name += `_${use.histogramSeries}`;
  }
  const attributes = Object.entries(selector.attributes ?? {});
  checkDistinct('attribute', attributes.map(([key]) => key), problems);
  const matchers = attributes.map(([key, matcher]) => {
    const { op, value } = typeof matcher === 'string' ? { op: '=', value: matcher } : matcher;
    if (op === '=~' || op === '!~') {
      const problem = re2Problem(value);
      if (problem !== undefined) problems.push(`the regular expression of attribute "${key}" ${problem}`);
    }
    return `${prometheusLabelName(key)}${op}${promString(value)}`;
  });
  if (selector.scope !== undefined) matchers.push(`otel_scope_name=${promString(selector.scope)}`);
  return matchers.length === 0 ? name : `${name}{${matchers.join(',')}}`;
}

/** Attribute keys that become the same Prometheus label would select something else. */
function checkDistinct(what: string, keys: readonly string[], problems: string[]): void {
  const seen = new Map<string, string>();
  for (const key of keys) {
    const label = prometheusLabelName(key);
    const other = seen.get(label);
    if (other !== undefined) problems.push(`${what} keys "${other}" and "${key}" are both the Prometheus label "${label}"`);
    seen.set(label, key);
  }
}
