import { diag } from '@opentelemetry/api';
import type { CollectionResult, MetricReader } from '@opentelemetry/sdk-metrics';
import type { CollectTransform } from './collect-transform.js';

/**
 * Makes `reader` apply `transforms`, in order, to everything it collects: wraps the instance's
 * `collect()`, which both `PeriodicExportingMetricReader` (before each export) and
 * `PrometheusExporter` (on each scrape) call, so the exporter only sees transformed data. Call it
 * once per reader, after constructing it. A transform that throws is skipped (its input passes
 * on) and reported once through `diag.error`; collection never fails because of it.
 *
 * @example
 * ```ts
 * applyCollectTransforms(prometheusExporter, [sampling.collectTransform(), exponentialToExplicitHistograms]);
 * applyCollectTransforms(otlpReader, [sampling.collectTransform()]);
 * ```
 */
export function applyCollectTransforms(reader: MetricReader, transforms: readonly CollectTransform[]): void {
  if (transforms.length === 0) return;
  const collect = reader.collect.bind(reader);
  let reported = false;
  reader.collect = async (options): Promise<CollectionResult> => {
    const result = await collect(options);
    let resourceMetrics = result.resourceMetrics;
    for (const transform of transforms) {
      try {
        resourceMetrics = transform(resourceMetrics);
      } catch (error) {
        if (!reported) diag.error('mcp-otel: a collect-time transform failed; its metrics are exported untransformed', error);
        reported = true;
      }
    }
    return { resourceMetrics, errors: result.errors };
  };
}
