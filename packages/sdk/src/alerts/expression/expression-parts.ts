import type { SeriesKind } from '../../history/history-types.js';
import type { AggregationOp, AlertExpression, ComparisonOp, CounterSelector, RuleSelector } from '../alert-rule-types.js';

/**
 * What each expression type reads and how: the one table both the in-process evaluation and the
 * PromQL writer follow, so the two cannot drift apart.
 */

/** A selector with the instrument kinds it takes and the kind its Prometheus name is written for. */
export interface SelectorUse {
  selector: RuleSelector;
  /** Kinds stored in the history that this use reads. */
  kinds: readonly SeriesKind[];
  /** The kind the Prometheus series name is built for. */
  nameKind: SeriesKind;
  /** Which Prometheus series of a histogram: `_count`, `_sum` or `_bucket`. */
  histogramSeries?: 'count' | 'sum' | 'bucket';
}

const GAUGES: readonly SeriesKind[] = ['gauge', 'updowncounter'];

/** A counter, or a histogram's count or sum. */
export function counterUse(selector: CounterSelector): SelectorUse {
  if (selector.field === undefined) return { selector, kinds: ['counter'], nameKind: 'counter' };
  return { selector, kinds: ['histogram'], nameKind: 'histogram', histogramSeries: selector.field };
}

/** Every selector an expression reads, in the order it reads them. */
export function selectorUses(expr: AlertExpression): SelectorUse[] {
  switch (expr.type) {
    case 'value':
    case 'avg_over_time':
    case 'max_over_time':
      return [{ selector: expr, kinds: GAUGES, nameKind: 'gauge' }];
    case 'rate':
    case 'increase':
      return [counterUse(expr)];
    case 'ratio':
      return [counterUse(expr.numerator), counterUse(expr.denominator)];
    case 'quantile':
      return [{ selector: expr, kinds: ['histogram'], nameKind: 'histogram', histogramSeries: 'bucket' }];
    case 'absent': {
      const kind = expr.kind ?? 'gauge';
      if (kind === 'histogram') return [{ selector: expr, kinds: ['histogram'], nameKind: 'histogram', histogramSeries: 'count' }];
      return [{ selector: expr, kinds: kind === 'counter' ? ['counter'] : GAUGES, nameKind: kind }];
    }
  }
}

/** The aggregation of an expression (`sum` unless the expression says otherwise). */
export function aggregationOf(expr: AlertExpression): AggregationOp {
  if (expr.type === 'value') return expr.aggregate ?? 'sum';
  if (expr.type === 'avg_over_time') return expr.aggregate ?? 'avg';
  if (expr.type === 'max_over_time') return expr.aggregate ?? 'max';
  return 'sum';
}

/** `a op b` as PromQL's filtering comparison does it (NaN compares false, except `!=`). */
export function compare(value: number, op: ComparisonOp, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}
