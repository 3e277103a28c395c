import type { MeterProvider } from '@opentelemetry/api';
import { buildMetricsFacade, type MetricsFacadeOptions } from './build-metrics-facade.js';
import { fixedMeterSource } from './meter-source.js';
import type { MetricsFacade } from './metrics-facade.js';

/**
 * A metrics facade recording into `meterProvider` (meter `@mcp-otel/sdk/app`; summaries on
 * `@mcp-otel/sdk/summary`). `startMetrics` builds one for its handle; build your own to record into
 * a provider you manage. The result is a plain object of bound functions.
 *
 * @example
 * ```ts
 * const facade = createMetricsFacade(meterProvider);
 * const hits = facade.counter('cache.hits', { cache: 'forecasts' });
 * hits.increment();
 * ```
 */
export function createMetricsFacade(meterProvider: MeterProvider, options?: MetricsFacadeOptions): MetricsFacade {
  return buildMetricsFacade(fixedMeterSource(meterProvider), options);
}
