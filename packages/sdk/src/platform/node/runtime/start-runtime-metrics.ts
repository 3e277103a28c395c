import { diag } from '@opentelemetry/api';
import type { MeterProvider } from '@opentelemetry/api';
import { eventLoopCollector } from './event-loop-collector.js';
import { gcCollector } from './gc-collector.js';
import { processCollector } from './process-collector.js';
import type { RuntimeCollector, RuntimeCollectorOptions } from './runtime-collector.js';
import { v8Collector } from './v8-collector.js';

/** Meter (instrumentation scope) of the Node runtime metrics; the `components` key is `runtime`. */
export const RUNTIME_METER_NAME = '@mcp-otel/sdk/runtime';

/** Options of {@link startRuntimeMetrics}. */
export interface RuntimeMetricsOptions {
  /**
   * Shortest interval the window metrics (event loop delay and utilization, CPU utilization)
   * describe: readers collecting within it share one window. @default 1000
   */
  minWindowMs?: number;
  /** Sampling resolution of the event loop delay monitor, in ms. @default 10 */
  eventLoopResolutionMs?: number;
  /** Clock in ms, for the windows. @default performance.now */
  now?: () => number;
}

/** Started runtime metrics. */
export interface RuntimeMetrics {
  /** Stops the event loop monitor and the GC observer and removes the callbacks. Idempotent. */
  stop(): void;
}

/**
 * Emits the Node.js runtime metrics of the semantic conventions on `meterProvider`:
 * `nodejs.eventloop.*`, `v8js.gc.duration`, `v8js.memory.heap.*`, `v8js.resource.active` and
 * `process.*` (CPU, memory, uptime, context switches, page faults), from `perf_hooks`, `v8` and
 * `process`, under the meter `@mcp-otel/sdk/runtime`. The names, units and attributes are those of
 * `@opentelemetry/instrumentation-runtime-node` (held by a differential test), without its
 * dependency on `@opentelemetry/instrumentation` (see docs/performance.md). `startMetrics` calls it
 * unless `runtime: false`.
 *
 * @example
 * ```ts
 * import { metrics } from '@opentelemetry/api';
 * import { startRuntimeMetrics } from '@mcp-otel/sdk';
 *
 * const runtime = startRuntimeMetrics(metrics.getMeterProvider()); // the global provider, e.g. registered by sdk-node
 * // ... later
 * runtime.stop();
 * ```
 */
export function startRuntimeMetrics(meterProvider: MeterProvider, options: RuntimeMetricsOptions = {}): RuntimeMetrics {
  const meter = meterProvider.getMeter(RUNTIME_METER_NAME);
  const shared: RuntimeCollectorOptions = {
    now: options.now ?? (() => performance.now()),
    minWindowMs: options.minWindowMs ?? 1000,
    eventLoopResolutionMs: options.eventLoopResolutionMs ?? 10,
  };
  const collectors: RuntimeCollector[] = [];
  for (const start of [eventLoopCollector, gcCollector, v8Collector, processCollector]) {
    try {
      collectors.push(start(meter, shared));
    } catch (error) {
      diag.warn(`mcp-otel: runtime metrics from ${start.name} could not start; the others run`, error);
    }
  }
  let stopped = false;
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      for (const collector of collectors) {
        try {
          collector.stop();
        } catch (error) {
          diag.warn('mcp-otel: stopping runtime metrics failed', error);
        }
      }
    },
  };
}
