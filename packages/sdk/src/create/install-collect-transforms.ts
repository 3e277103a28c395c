import { applyCollectTransforms } from '../transform/apply-collect-transforms.js';
import type { CollectTransform } from '../transform/collect-transform.js';
import { exponentialToExplicitHistograms } from '../transform/exponential-to-explicit.js';
import { mergeScopeMetrics } from '../fast-lane/merge-scope-metrics.js';
import type { ResolvedPushExporter } from './create-push-exporter.js';
import type { Readers } from './create-readers.js';

/**
 * Hooks the collect-time transforms into each reader: sampling scale-back on all of them (scaling
 * comes first), then, for outputs in the Prometheus text format, exponential histograms
 * (summaries) as classic `le` histograms, which that format can carry. OTLP, JSONL, StatsD and the
 * console keep (or map themselves) the native exponential histogram.
 */
export function installCollectTransforms(readers: Readers, samplingTransform: CollectTransform | undefined): void {
  // Fast-lane producers append their scopes after the SDK's: one entry per scope again first.
  const common = samplingTransform === undefined ? [mergeScopeMetrics] : [mergeScopeMetrics, samplingTransform];
  for (const { reader, config } of readers.push) {
    const transforms = writesPrometheusText(config) ? [...common, exponentialToExplicitHistograms] : common;
    if (transforms.length > 0) applyCollectTransforms(reader, transforms);
  }
  for (const { reader } of readers.prometheus) applyCollectTransforms(reader, [...common, exponentialToExplicitHistograms]);
  // The history stores classic buckets, as Prometheus sees them (histogram_quantile works on summaries too).
  if (readers.history !== undefined) applyCollectTransforms(readers.history, [...common, exponentialToExplicitHistograms]);
}

function writesPrometheusText(config: ResolvedPushExporter): boolean {
  return config.type === 'file' && config.format === 'prometheus';
}
