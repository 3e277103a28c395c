import { diag } from '@opentelemetry/api';
import type { Attributes, Meter } from '@opentelemetry/api';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { ATTR_V8JS_GC_TYPE, GC_DURATION_BUCKETS, METRIC_V8JS_GC_DURATION } from './runtime-semconv.js';
import type { RuntimeCollector } from './runtime-collector.js';

const GC_TYPES = new Map<number, Attributes>([
  [constants.NODE_PERFORMANCE_GC_MAJOR, Object.freeze({ [ATTR_V8JS_GC_TYPE]: 'major' })],
  [constants.NODE_PERFORMANCE_GC_MINOR, Object.freeze({ [ATTR_V8JS_GC_TYPE]: 'minor' })],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, Object.freeze({ [ATTR_V8JS_GC_TYPE]: 'incremental' })],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, Object.freeze({ [ATTR_V8JS_GC_TYPE]: 'weakcb' })],
]);

/** `v8js.gc.duration`: one record per garbage collection, from a `PerformanceObserver` on `gc` entries. */
export function gcCollector(meter: Meter): RuntimeCollector {
  const duration = meter.createHistogram(METRIC_V8JS_GC_DURATION, {
    description: 'Garbage collection duration.',
    unit: 's',
    advice: { explicitBucketBoundaries: [...GC_DURATION_BUCKETS] },
  });
  const observer = new PerformanceObserver((list) => {
    try {
      for (const entry of list.getEntries()) {
        const kind = (entry as { detail?: { kind?: number } | null }).detail?.kind;
        const attributes = kind === undefined ? undefined : GC_TYPES.get(kind);
        if (attributes !== undefined) duration.record(entry.duration / 1000, attributes);
      }
    } catch (error) {
      diag.warn('mcp-otel: recording v8js.gc.duration failed; the measurement is dropped', error);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return { stop: () => observer.disconnect() };
}
