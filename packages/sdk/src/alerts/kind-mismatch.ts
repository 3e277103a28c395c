import type { HistoryStore } from '../history/history-store.js';
import type { CompiledExpression } from './expression/evaluate-expression.js';

/**
 * Why an expression reads nothing although its metric exists: the metric is stored as another
 * instrument kind than the expression takes (`rate` of a gauge, a histogram without `field`), so
 * the Prometheus rule would select a series that does not exist either. `undefined` when fine.
 */
export function kindMismatch(expression: CompiledExpression, store: HistoryStore): string | undefined {
  for (const [index, use] of expression.uses.entries()) {
    if (expression.series(store, index).length > 0) continue;
    const seen = store.metrics(use.selector.metric).map((metric) => metric.kind);
    if (seen.length === 0 || seen.some((kind) => use.kinds.includes(kind))) continue;
    const hint = seen.includes('histogram') && use.nameKind === 'counter' ? `; for a histogram's observations set field: 'count'` : '';
    return `metric "${use.selector.metric}" is a ${seen.join(' and a ')}, but this expression reads a ${use.kinds.join(' or ')}, so it sees no data${hint}`;
  }
  return undefined;
}
