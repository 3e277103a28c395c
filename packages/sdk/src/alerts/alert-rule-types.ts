/**
 * Alert rules as users write them (config object or file): plain data whose expression is a small
 * typed form of the PromQL a Prometheus rule would hold, so the same rule runs in process over the
 * history and, through `toPrometheusRules`, in Prometheus unchanged.
 */
import type { DurationInput } from '../config/types.js';
import type { SeriesKind, SeriesSelector } from '../history/history-types.js';

/** A comparison of the expression's value with `threshold`; series for which it holds are alerts. */
export type ComparisonOp = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** An aggregation across the series (`sum by (...)`, `max by (...)`, ...). */
export type AggregationOp = 'sum' | 'min' | 'max' | 'avg' | 'count';

/** The series of a rule, with what writing its Prometheus name needs. */
export interface RuleSelector extends SeriesSelector {
  /**
   * The OTel unit of the metric (`s`, `By`, `{call}`), for the Prometheus name when names carry
   * units (`_seconds`). @default the unit the history sees at run time; none in `mcp-otel rules`
   */
  unit?: string;
}

/** A counter, or a histogram's observation count or sum (PromQL `_total`, `_count`, `_sum`). */
export interface CounterSelector extends RuleSelector {
  /** Set for a histogram: its `count` (observations) or `sum`. @default none: the metric is a counter */
  field?: 'count' | 'sum';
}

interface Condition {
  /** @default ">" */
  op?: ComparisonOp;
  threshold: number;
}

interface Grouping {
  /** Attribute keys that make separate alerts (one per value combination). @default [] (one alert) */
  by?: string[];
}

/** The latest value of a gauge or up-down counter: `sum by (...) (x) > threshold`. */
export interface ValueExpression extends RuleSelector, Condition, Grouping {
  type: 'value';
  /** @default "sum" */
  aggregate?: AggregationOp;
}

/** Per-second rate or total increase of a counter over a window: `sum by (...) (rate(x_total[window])) > threshold`. */
export interface CounterExpression extends CounterSelector, Condition, Grouping {
  type: 'rate' | 'increase';
  /** The range, e.g. `"5m"`. */
  window: DurationInput;
}

/** The ratio of two rates, such as an error ratio: `sum(rate(errors[w])) / sum(rate(total[w])) > threshold`. */
export interface RatioExpression extends Condition, Grouping {
  type: 'ratio';
  numerator: CounterSelector;
  denominator: CounterSelector;
  window: DurationInput;
}

/** A histogram quantile over a window: `histogram_quantile(q, sum by (le, ...) (rate(x_bucket[window]))) > threshold`. */
export interface QuantileExpression extends RuleSelector, Condition, Grouping {
  type: 'quantile';
  /** 0..1, e.g. `0.99`. */
  quantile: number;
  window: DurationInput;
}

/** Average or maximum of a gauge over a window: `avg by (...) (avg_over_time(x[window])) > threshold`. */
export interface OverTimeExpression extends RuleSelector, Condition, Grouping {
  type: 'avg_over_time' | 'max_over_time';
  window: DurationInput;
  /** @default "avg" for `avg_over_time`, "max" for `max_over_time` */
  aggregate?: AggregationOp;
}

/** No data: `absent(x)` (no current sample), or `absent_over_time(x[window])` (none within the window). */
export interface AbsentExpression extends RuleSelector {
  type: 'absent';
  /** @default none: absent now (PromQL's 5-minute lookback and staleness) */
  window?: DurationInput;
  /** The instrument kind, for the Prometheus name (`_total`, `_count`). @default "gauge" */
  kind?: SeriesKind;
}

/** What a rule watches; a discriminated union on `type`. */
export type AlertExpression = ValueExpression | CounterExpression | RatioExpression | QuantileExpression | OverTimeExpression | AbsentExpression;

/** The expression `type` names. */
export type AlertExpressionType = AlertExpression['type'];

/**
 * An alert rule, with Prometheus' semantics: the expression is evaluated every
 * `alerts.evaluationInterval`; each result series is an alert, `pending` until it has held for
 * `for`, then `firing`; once it no longer holds it stays firing for `keepFiringFor`, then resolves.
 *
 * @example
 * ```ts
 * import type { AlertRule } from '@mcp-otel/sdk';
 *
 * const rule: AlertRule = {
 *   name: 'FlakyToolErrors',
 *   expr: {
 *     type: 'ratio', window: '1m', threshold: 0.2,
 *     numerator: { metric: 'mcp.server.operation.duration', field: 'count',
 *       attributes: { 'gen_ai.tool.name': 'flaky_fetch', 'error.type': { op: '!=', value: '' } } },
 *     denominator: { metric: 'mcp.server.operation.duration', field: 'count', attributes: { 'gen_ai.tool.name': 'flaky_fetch' } },
 *   },
 *   for: '30s',
 *   severity: 'warning',
 *   annotations: { summary: 'flaky_fetch fails {{ $value }} of its calls' },
 * };
 * ```
 */
export interface AlertRule {
  /** The `alertname` label: letters, digits, `_` and `:`, not starting with a digit (a Prometheus alert name). */
  name: string;
  expr: AlertExpression;
  /** How long the expression must hold before the alert fires. @default 0 (fires at the first evaluation) */
  for?: DurationInput;
  /** How long a firing alert keeps firing after the expression stopped holding. @default 0 */
  keepFiringFor?: DurationInput;
  /** The `severity` label, e.g. `critical`, `warning`, `info`. */
  severity: string;
  /** More labels on every alert of the rule. @default {} */
  labels?: Record<string, string>;
  /** Annotations; `{{ $value }}` and `{{ $labels.<name> }}` are filled in as Prometheus does. @default {} */
  annotations?: Record<string, string>;
}
