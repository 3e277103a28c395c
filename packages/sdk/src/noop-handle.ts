import { createNoopMeter } from '@opentelemetry/api';
import type { MeterProvider } from '@opentelemetry/api';
import type { AlertsApi } from './alerts/alerts-api.js';
import { systemClock } from './clock/clock.js';
import type { ResolvedConfig } from './config/resolved-config.js';
import { createHealth } from './health/create-health.js';
import { DISABLED_HISTORY } from './history/metric-history.js';
import { createMetricsFacade } from './facade/metrics-facade.js';
import type { MetricsHandle } from './metrics-handle.js';
import type { MetricsProblem } from './report/problems.js';

const noopMeterProvider: MeterProvider = { getMeter: () => createNoopMeter() };

/**
 * The handle of a disabled SDK (`enabled: false` or `OTEL_SDK_DISABLED=true`): same shape, records
 * nothing, opens nothing, registers nothing. Registered health checks still run when asked
 * (`handle.health.check()`); there is no history and no alert. `alerts` is the platform's
 * `handle.alerts` without rules (Node: `disabledAlerts(config)`, which can still render the rules).
 */
export function createNoopHandle(config: ResolvedConfig, problems: readonly MetricsProblem[], alerts: AlertsApi): MetricsHandle {
  return Object.assign(createMetricsFacade(noopMeterProvider), {
    meterProvider: noopMeterProvider,
    config,
    endpoints: {},
    problems,
    meter: () => createNoopMeter(),
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
    health: createHealth({ ...config.health, enabled: false }, { clock: systemClock, meterProvider: noopMeterProvider, exporters: [], collect: undefined }).api,
    history: DISABLED_HISTORY,
    alerts,
  });
}
