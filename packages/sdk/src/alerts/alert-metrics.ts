import type { Counter, MeterProvider } from '@opentelemetry/api';

/** Meter (instrumentation scope) of the alert metrics. */
export const ALERTS_METER_NAME = '@mcp-otel/sdk/alerts';
export const METRIC_ALERTS_NOTIFICATIONS = 'mcp_otel.alerts.notifications';
export const METRIC_ALERTS_FIRING = 'mcp_otel.alerts.firing';

/** `mcp_otel.alerts.notifications`: deliveries per channel and outcome (`sent`, `failed`, `dropped`). */
export function createNotificationCounter(provider: MeterProvider): Counter {
  return provider.getMeter(ALERTS_METER_NAME).createCounter(METRIC_ALERTS_NOTIFICATIONS, { description: 'Alert notifications by channel and outcome (sent, failed, dropped).', unit: '{notification}' });
}

/** `mcp_otel.alerts.firing`: firing alerts per rule (attribute `alertname`, bounded by the rules). */
export function observeFiringAlerts(provider: MeterProvider, firingByRule: () => Map<string, number>): void {
  provider
    .getMeter(ALERTS_METER_NAME)
    .createObservableGauge(METRIC_ALERTS_FIRING, { description: 'Firing alerts of each rule.', unit: '{alert}' })
    .addCallback((result) => {
      for (const [alertname, count] of firingByRule()) result.observe(count, { alertname });
    });
}
