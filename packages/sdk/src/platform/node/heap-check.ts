import { getHeapStatistics } from 'node:v8';
import type { HealthCheck } from '../../health/health-types.js';

/** What the heap check reads of V8 (injectable for tests). */
export type HeapStatistics = () => { used_heap_size: number; heap_size_limit: number };

/** The heap check: heap used as a fraction of V8's heap size limit, against `limit` (e.g. 0.9); above it, unhealthy. */
export function createHeapCheck(limit: number, statistics: HeapStatistics = getHeapStatistics): HealthCheck {
  return () => {
    const { used_heap_size: used, heap_size_limit: max } = statistics();
    const fraction = max > 0 ? used / max : 0;
    const details = { usedBytes: used, limitBytes: max, usedFraction: Math.round(fraction * 1000) / 1000, limit };
    const message = `heap ${Math.round(used / 1_048_576)} MiB of ${Math.round(max / 1_048_576)} MiB (${Math.round(fraction * 100)} %, limit ${Math.round(limit * 100)} %)`;
    return { status: fraction > limit ? 'unhealthy' : 'healthy', message, details };
  };
}
