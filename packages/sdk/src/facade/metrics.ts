import { facadeProviderSource } from './provider-registry.js';
import type { MetricsFacade } from './metrics-facade.js';
import { createSwitchingFacade } from './switching-facade.js';

/**
 * The module-level facade. It works before `startMetrics` (records are dropped, handles are
 * returned) and records into the provider of the latest `startMetrics` (unless it ran with
 * `registerGlobal: false`) once it runs: handles made earlier start recording without being
 * re-created. After that handle's `shutdown()` it is a no-op again.
 *
 * @example
 * ```ts
 * import { metrics } from '@mcp-otel/sdk';
 *
 * const lookups = metrics.counter('weather.lookups', { source: 'cache' }); // fine at import time
 * lookups.increment();
 * ```
 */
export const metrics: MetricsFacade = createSwitchingFacade(facadeProviderSource);

/**
 * `metrics.timedMethod` as a standalone TC39 method decorator: times every call of the method
 * into the histogram `name` (seconds), adding `error.type` when it throws or rejects.
 *
 * @example
 * ```ts
 * import { timedMethod } from '@mcp-otel/sdk';
 *
 * class WeatherTools {
 *   @timedMethod('weather.forecast.duration', { provider: 'open-meteo' })
 *   async forecast(city: string): Promise<string> { return `sunny in ${city}`; }
 * }
 * ```
 */
export const timedMethod: MetricsFacade['timedMethod'] = metrics.timedMethod;
