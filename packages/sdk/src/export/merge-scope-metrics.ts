import type { ResourceMetrics, ScopeMetrics } from '@opentelemetry/sdk-metrics';

function scopeId(scopeMetrics: ScopeMetrics): string {
  const { name, version, schemaUrl } = scopeMetrics.scope;
  return `${name}\u0000${version ?? ''}\u0000${schemaUrl ?? ''}`;
}

/**
 * Merges `ScopeMetrics` of the same scope into the first of them. A reader appends each
 * `MetricProducer`'s scopes after the SDK's own, so a meter with our series and OTel instruments
 * (observables) comes out as two entries of one scope; merged, the export has the shape OTel alone
 * produces (one entry per scope). Returns its input when there is nothing to merge; never mutates it.
 */
export function mergeScopeMetrics(resourceMetrics: ResourceMetrics): ResourceMetrics {
  const byScope = new Map<string, ScopeMetrics>();
  let merged = false;
  for (const scopeMetrics of resourceMetrics.scopeMetrics) {
    const id = scopeId(scopeMetrics);
    const first = byScope.get(id);
    if (first === undefined) {
      byScope.set(id, scopeMetrics);
      continue;
    }
    byScope.set(id, { scope: first.scope, metrics: [...first.metrics, ...scopeMetrics.metrics] });
    merged = true;
  }
  return merged ? { resource: resourceMetrics.resource, scopeMetrics: [...byScope.values()] } : resourceMetrics;
}
