import type { Counter, MeterProvider } from '@opentelemetry/api';

/** Meter (instrumentation scope) of the alert metrics. */
export const ALERTS_METER_NAME = '@mcp-otel/sdk/alerts';
export const METRIC_ALERTS_NOTIFICATIONS = 'mcp_otel.alerts.notifications';
export const METRIC_ALERTS_FIRING = 'mcp_otel.alerts.firing';

/**
 * `mcp_otel.alerts.notifications` (deliveries per channel and outcome: `sent`, `failed`,
 * `dropped`) and `mcp_otel.alerts.firing` (firing alerts per rule, attribute `alertname`).
 */
export function createAlertMetrics(provider: MeterProvider, firingByRule: () => Map<string, number>): { outcomes: Counter } {
  const meter = provider.getMeter(ALERTS_METER_NAME);
  const outcomes = meter.createCounter(METRIC_ALERTS_NOTIFICATIONS, { description: 'Alert notifications by channel and outcome (sent, failed, dropped).', unit: '{notification}' });
  meter.createObservableGauge(METRIC_ALERTS_FIRING, { description: 'Firing alerts of each rule.', unit: '{alert}' }).addCallback((result) => {
    for (const [alertname, count] of firingByRule()) result.observe(count, { alertname });
  });
  return { outcomes };
}
