import type { InstrumentationScope } from '@opentelemetry/core';
import type { MetricData, ResourceMetrics } from '@opentelemetry/sdk-metrics';

/**
 * Applies `transform` to every metric. A metric for which it returns the same object is kept, and
 * scopes (or the whole result) without a change are not copied.
 */
export function mapMetrics(
  resourceMetrics: ResourceMetrics,
  transform: (metric: MetricData, scope: InstrumentationScope) => MetricData,
): ResourceMetrics {
  let changed = false;
  const scopeMetrics = resourceMetrics.scopeMetrics.map((scopeMetric) => {
    let scopeChanged = false;
    const metrics = scopeMetric.metrics.map((metric) => {
      const next = transform(metric, scopeMetric.scope);
      if (next !== metric) scopeChanged = true;
      return next;
    });
    if (!scopeChanged) return scopeMetric;
    changed = true;
    return { scope: scopeMetric.scope, metrics };
  });
  return changed ? { resource: resourceMetrics.resource, scopeMetrics } : resourceMetrics;
}
