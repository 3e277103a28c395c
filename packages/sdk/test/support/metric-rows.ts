import { attributesOf, type OtlpExportRequest } from '../peers/otlp-decoded.js';

/** Metrics whose values depend on timing, not on what the program did: compared by shape only. */
const TIMED_VALUES = /duration|\.time$/;

/**
 * The metrics exported under a resource with every attribute of `resource` (e.g. `{ 'test.run': 'page' }`), one sorted line per data point:
 * `<scope> <name> [<unit>] <kind> {<attributes>} = <value>`, where a histogram's value is its
 * count and bounds (durations differ between runs; how many were recorded does not). The values of
 * every other point are compared exactly.
 */
export function metricRows(requests: readonly OtlpExportRequest[], resource: Record<string, string>): string[] {
  const rows: string[] = [];
  for (const request of requests) {
    for (const rm of request.resourceMetrics) {
      const attributes = attributesOf(rm.resource?.attributes ?? []);
      if (Object.entries(resource).some(([key, value]) => attributes[key] !== value)) continue;
      for (const sm of rm.scopeMetrics) {
        for (const metric of sm.metrics) {
          const head = `${sm.scope?.name ?? ''} ${metric.name} [${metric.unit}]`;
          const points = [
            ...(metric.sum?.dataPoints.map((p) => ({ kind: metric.sum!.isMonotonic ? 'counter' : 'updown', p, value: p.asDouble ?? Number(p.asInt) })) ?? []),
            ...(metric.gauge?.dataPoints.map((p) => ({ kind: 'gauge', p, value: p.asDouble ?? Number(p.asInt) })) ?? []),
            ...(metric.histogram?.dataPoints.map((p) => ({ kind: 'histogram', p, value: `count ${p.count} bounds ${p.explicitBounds.join(',')}` })) ?? []),
            ...(metric.exponentialHistogram?.dataPoints.map((p) => ({ kind: 'exponential', p, value: `count ${p.count}` })) ?? []),
          ];
          for (const { kind, p, value } of points) {
            const attributes = JSON.stringify(Object.fromEntries(Object.entries(attributesOf(p.attributes)).sort(([a], [b]) => a.localeCompare(b))));
            const shown = typeof value === 'number' && TIMED_VALUES.test(metric.name) ? '(timed)' : value;
            rows.push(`${head} ${kind} ${attributes} = ${shown}`);
          }
        }
      }
    }
  }
  return rows.sort();
}
