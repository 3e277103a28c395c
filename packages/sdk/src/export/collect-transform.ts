/**
 * # export/: from our series and OTel's storages to the exporters
 *
 * Each reader gets one {@link SeriesProducer} (series-producer.ts) in its `metricProducers`: at
 * every collection it reports our storages at that reader's temporality, next to what OTel reports
 * of its own instruments. Between a collection and its exporter runs one step, the collect
 * transform below: the pull readers (Prometheus, history) apply it in `collectTransformed`, the
 * push readers through a {@link TransformingExporter} around their exporter. Readers are never
 * patched: only OTel's public reader, producer and exporter interfaces are used.
 */
import { diag } from '@opentelemetry/api';
import type { CollectionResult, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { exponentialToExplicitHistograms } from './exponential-to-explicit.js';
import { mergeScopeMetrics } from './merge-scope-metrics.js';
import { scaleSampledHistograms } from './scale-sampled-histograms.js';

/** What the collect transform needs to know of the pipeline and of the output. */
export interface CollectTransformOptions {
  /** The histogram sampling rate of a meter (1: not sampled), from the plan. */
  readonly samplingRateOf: (meterName: string) => number;
  /** The output is Prometheus text, which has no exponential histograms (summaries). */
  readonly prometheusText: boolean;
}

/**
 * The one step between a collection and an exporter, a pure function of what was collected:
 * 1. one `ScopeMetrics` per scope (producers append theirs after OTel's);
 * 2. sampled histograms scaled back by 1 / rate (ours and OTel's alike);
 * 3. for Prometheus text only, exponential histograms (summaries) as classic `le` histograms.
 * A failure leaves the collection untransformed and is reported once per `report` through `diag`.
 */
export function transformCollection(resourceMetrics: ResourceMetrics, options: CollectTransformOptions, report = reportOnce()): ResourceMetrics {
  try {
    const merged = mergeScopeMetrics(resourceMetrics);
    const scaled = scaleSampledHistograms(merged, (scope) => options.samplingRateOf(scope.name));
    return options.prometheusText ? exponentialToExplicitHistograms(scaled) : scaled;
  } catch (error) {
    report(error);
    return resourceMetrics;
  }
}

/** What a pull output reads: a reader's `collect()`. */
export interface Collecting {
  collect(): Promise<CollectionResult>;
}

/** A pull reader's `collect`, through the collect transform. */
export function collectTransformed(reader: Collecting, options: CollectTransformOptions): () => Promise<CollectionResult> {
  const report = reportOnce();
  return async () => {
    const { resourceMetrics, errors } = await reader.collect();
    return { resourceMetrics: transformCollection(resourceMetrics, options, report), errors };
  };
}

/** Reports the first failure of a transform through `diag.error`, then stays quiet. */
export function reportOnce(): (error: unknown) => void {
  let reported = false;
  return (error) => {
    if (!reported) diag.error('mcp-otel: the collect transform failed; the metrics are exported untransformed', error);
    reported = true;
  };
}
