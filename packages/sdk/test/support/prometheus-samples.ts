import { prometheusLabelName, prometheusMetricFamily } from '../../src/alerts/prometheus/prometheus-names';
import type { SyntheticMetric } from '../history/collections';

/** One Prometheus sample of a synthetic metric: the series as PromQL writes it, and its value. */
export interface PrometheusSample {
  /** `name{label="value",...}` with labels in the metric's attribute order (`le` last). */
  series: string;
  value: number;
}

/**
 * The samples Prometheus would scrape from a synthetic metric: counters as `_total`, histograms as
 * cumulative `_bucket{le}` plus `_count` and `_sum`, attribute keys as label names, and the
 * `otel_scope_name` label when `withScope`. Names without units (what `/metrics` serves today).
 */
export function prometheusSamples(metric: SyntheticMetric, withScope = false): PrometheusSample[] {
  const name = prometheusMetricFamily({ name: metric.name, kind: metric.kind, unit: metric.unit ?? '' }, { withoutUnits: true })!;
  const out: PrometheusSample[] = [];
  for (const point of metric.points) {
    const labels = Object.entries(point.attributes).map(([key, value]) => `${prometheusLabelName(key)}=${JSON.stringify(String(value))}`);
    if (withScope) labels.push(`otel_scope_name=${JSON.stringify(metric.scope ?? 'test')}`);
    const series = (suffix: string, extra: string[] = []) => `${name}${suffix}{${[...labels, ...extra].join(',')}}`;
    if ('value' in point) {
      out.push({ series: series(''), value: point.value });
      continue;
    }
    const { bounds, counts, sum } = point.histogram;
    let cumulative = 0;
    [...bounds, Infinity].forEach((le, index) => {
      cumulative += counts[index]!;
      out.push({ series: series('_bucket', [`le=${JSON.stringify(formatNumber(le))}`]), value: cumulative });
    });
    out.push({ series: series('_count'), value: cumulative });
    out.push({ series: series('_sum'), value: sum });
  }
  return out;
}

/** A sample value as Prometheus prints it (`+Inf`, `-Inf`, `NaN`). */
export function formatNumber(value: number): string {
  return value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : String(value);
}
