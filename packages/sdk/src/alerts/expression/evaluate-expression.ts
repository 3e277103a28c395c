import { durationToMs } from '../../config/duration.js';
import type { VectorSample } from '../../history/history-types.js';
import type { HistoryStore } from '../../history/history-store.js';
import { GroupAccumulator } from '../../history/group-accumulator.js';
import { RangeWindow, ringHasSample } from '../../history/promql/ring-range.js';
import { instantValue } from '../../history/promql/instant-value.js';
import { SeriesMatcher } from '../../history/series-matcher.js';
import { HISTOGRAM_COUNT, HISTOGRAM_SUM } from '../../history/stored-series.js';
import type { StoredSeries } from '../../history/stored-series.js';
import { quantileVector, rangeInto } from '../../history/vectors.js';
import { prometheusLabelName } from '../prometheus/prometheus-names.js';
import type { AlertExpression } from '../alert-rule-types.js';
import type { SelectorUse } from './expression-parts.js';
import { aggregationOf, compare, selectorUses } from './expression-parts.js';

/** Alert labels: Prometheus label names to values. */
export type Labels = Record<string, string>;

/** One element of an expression's result: what would be one alert. */
export interface LabeledSample {
  labels: Labels;
  value: number;
}

/**
 * An alert expression compiled for evaluation over the history: the series it reads are matched
 * once per change of the metric's series set, and the result is what Prometheus returns for the
 * same expression from the same samples: labels are the `by` attributes under their Prometheus
 * label names (for `absent`, the equality matchers, as PromQL's `absent()` labels them).
 */
export class CompiledExpression {
  readonly expr: AlertExpression;
  readonly uses: readonly SelectorUse[];
  private readonly matchers: readonly SeriesMatcher[];
  private readonly windowMs: number;
  /** One per selector: the aggregation, kept between evaluations. */
  private readonly accumulators: readonly GroupAccumulator[];

  constructor(expr: AlertExpression) {
    this.expr = expr;
    this.uses = selectorUses(expr);
    this.matchers = this.uses.map((use) => new SeriesMatcher(use.selector, use.kinds));
    this.windowMs = 'window' in expr && expr.window !== undefined ? (durationToMs(expr.window) ?? 0) : 0;
    const by = expr.type === 'absent' ? [] : (expr.by ?? []);
    const op = expr.type === 'ratio' ? 'sum' : aggregationOf(expr);
    this.accumulators = this.uses.map(() => new GroupAccumulator(op, by));
  }

  evaluate(store: HistoryStore, at: number): LabeledSample[] {
    const expr = this.expr;
    if (expr.type === 'absent') return this.absent(store, at);
    const by = expr.by ?? [];
    const op = expr.op ?? '>';
    const threshold = expr.threshold;
    const holds = (value: number) => compare(value, op, threshold);
    let samples: VectorSample[];
    switch (expr.type) {
      case 'value': {
        const accumulator = this.accumulators[0]!;
        accumulator.begin();
        for (const series of this.series(store, 0)) {
          const value = instantValue(store, series, 0, at);
          if (value !== undefined) accumulator.add(series, value);
        }
        samples = accumulator.results(holds);
        break;
      }
      case 'rate':
      case 'increase':
      case 'avg_over_time':
      case 'max_over_time':
        samples = this.range(store, 0, expr.type, at, holds);
        break;
      case 'ratio':
        samples = this.ratio(store, at).filter((sample) => holds(sample.value));
        break;
      case 'quantile':
        samples = quantileVector(store, this.series(store, 0), expr.quantile, this.windowMs, at, by).filter((sample) => holds(sample.value));
        break;
    }
    return samples.map((sample) => ({ labels: toLabels(sample.attributes), value: sample.value }));
  }

  /** The series the `index`-th selector reads now. */
  series(store: HistoryStore, index: number): readonly StoredSeries[] {
    return this.matchers[index]!.select(store);
  }

  /** `op by (...) (fn(x[window]))` of the `index`-th selector. */
  private range(store: HistoryStore, index: number, fn: 'rate' | 'increase' | 'avg_over_time' | 'max_over_time', at: number, keep?: (value: number) => boolean): VectorSample[] {
    const accumulator = this.accumulators[index]!;
    accumulator.begin();
    rangeInto(store, this.series(store, index), fn, this.offset(index), this.windowMs, at, accumulator);
    return accumulator.results(keep);
  }

  /** `sum by (...) (rate(a[w])) / sum by (...) (rate(b[w]))`: one-to-one on equal label sets. */
  private ratio(store: HistoryStore, at: number): VectorSample[] {
    const numerator = this.range(store, 0, 'rate', at);
    const denominator = this.range(store, 1, 'rate', at);
    const byKey = new Map(denominator.map((sample) => [labelKey(sample.attributes), sample.value]));
    const result: VectorSample[] = [];
    for (const sample of numerator) {
      const divisor = byKey.get(labelKey(sample.attributes));
      if (divisor !== undefined) result.push({ attributes: sample.attributes, value: sample.value / divisor });
    }
    return result;
  }

  /** `absent(x)` / `absent_over_time(x[w])`: one sample of value 1 when no matching series has a sample. */
  private absent(store: HistoryStore, at: number): LabeledSample[] {
    const offset = this.offset(0);
    const window = new RangeWindow(store.timeline, at - this.windowMs, at);
    const present = this.series(store, 0).some((series) =>
      this.windowMs > 0 ? ringHasSample(window, series, offset) : instantValue(store, series, offset, at) !== undefined,
    );
    return present ? [] : [{ labels: absentLabels(this.uses[0]!), value: 1 }];
  }

  /** Where in a stored point the selector's value is: a histogram's count or sum, else the value. */
  private offset(index: number): number {
    return this.uses[index]!.histogramSeries === 'sum' ? HISTOGRAM_SUM : HISTOGRAM_COUNT;
  }
}

function toLabels(attributes: Record<string, string>): Labels {
  const labels: Labels = {};
  for (const [key, value] of Object.entries(attributes)) labels[prometheusLabelName(key)] = value;
  return labels;
}

function labelKey(attributes: Record<string, string>): string {
  return Object.keys(attributes)
    .sort()
    .map((key) => `${key}\u0000${attributes[key]}`)
    .join('\u0001');
}

/**
 * The labels PromQL gives `absent()` (Prometheus' `createLabelsForAbsentFunction`): the first
 * equality matcher of each label name sets it, any other matcher of that name removes it; empty
 * values are no labels. Matchers in the order the PromQL selector lists them (attributes, then
 * the scope's `otel_scope_name`).
 */
export function absentLabels(use: SelectorUse): Labels {
  const labels = new Map<string, string>();
  const has = new Set<string>();
  const matchers: Array<[string, string | undefined]> = Object.entries(use.selector.attributes ?? {}).map(([key, matcher]) => [
    prometheusLabelName(key),
    typeof matcher === 'string' ? matcher : matcher.op === '=' ? matcher.value : undefined,
  ]);
  if (use.selector.scope !== undefined) matchers.push(['otel_scope_name', use.selector.scope]);
  for (const [name, equal] of matchers) {
    if (equal !== undefined && !has.has(name)) {
      labels.set(name, equal);
      has.add(name);
    } else {
      labels.delete(name);
    }
  }
  const result: Labels = {};
  for (const [name, value] of labels) if (value !== '') result[name] = value;
  return result;
}
