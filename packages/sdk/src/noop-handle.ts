import { createNoopMeter } from '@opentelemetry/api';
import type { MeterProvider } from '@opentelemetry/api';
import type { ResolvedConfig } from './config/resolved-config.js';
import { createMetricsFacade } from './facade/metrics-facade.js';
import type { MetricsHandle } from './metrics-handle.js';
import type { MetricsProblem } from './report/problems.js';

const noopMeterProvider: MeterProvider = { getMeter: () => createNoopMeter() };

/**
 * The handle of a disabled SDK (`enabled: false` or `OTEL_SDK_DISABLED=true`): same shape, records
 * nothing, opens nothing, registers nothing.
 */
export function createNoopHandle(config: ResolvedConfig, problems: readonly MetricsProblem[] = []): MetricsHandle {
  return Object.assign(createMetricsFacade(noopMeterProvider), {
    meterProvider: noopMeterProvider,
    config,
    endpoints: {},
    problems,
    meter: () => createNoopMeter(),
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  });
}
