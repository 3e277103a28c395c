import type { Histogram } from '@opentelemetry/sdk-metrics';
import { formatSampleValue, joinLabels } from './prometheus-text-format.js';

/**
 * `le` label values per boundaries array. OTel's histogram aggregator shares one boundaries array
 * among all the data points of a metric, so each boundary is formatted once per metric, not once
 * per sample.
 */
export class BucketLabelCache {
  private readonly labels = new Map<readonly number[], string[]>();

  get(boundaries: readonly number[]): string[] {
    let labels = this.labels.get(boundaries);
    if (labels === undefined) {
      labels = boundaries.map((bound) => (bound === undefined || bound === Infinity ? '+Inf' : String(bound)));
      this.labels.set(boundaries, labels);
    }
    return labels;
  }
}

/**
 * The samples of one histogram data point in OTel's order: `_count`, `_sum`, then one cumulative
 * `_bucket` per count with `le` last among the labels (`+Inf` for the overflow bucket). A boundary
 * list that already ends in `Infinity` gets no extra `+Inf` bucket, as in OTel.
 */
export function histogramSamples(name: string, labels: string, scopeLabels: string, histogram: Histogram, leCache: BucketLabelCache): string {
  const common = joinLabels(labels, scopeLabels);
  const braces = common === '' ? ' ' : `{${common}} `;
  let text = '';
  // `!= null` as OTel checks: a histogram of an instrument that may record negative
  // values (a view over an up-down counter or a gauge) has no sum, hence no `_sum`.
  if (histogram.count != null) text += `${name}_count${braces}${formatSampleValue(histogram.count)}\n`;
  if (histogram.sum != null) text += `${name}_sum${braces}${formatSampleValue(histogram.sum)}\n`;

  const { boundaries, counts } = histogram.buckets;
  const le = leCache.get(boundaries);
  const prefix = `${name}_bucket{${common === '' ? '' : `${common},`}le="`;
  let cumulative = 0;
  let infiniteBoundary = false;
  for (let i = 0; i < counts.length; i++) {
    cumulative += counts[i] ?? 0;
    const bound = boundaries[i];
    if (bound === undefined && infiniteBoundary) break;
    if (bound === Infinity) infiniteBoundary = true;
    text += `${prefix}${bound === undefined ? '+Inf' : le[i]}"} ${formatSampleValue(cumulative)}\n`;
  }
  return text;
}
