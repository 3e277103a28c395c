import { alertsIssues, normalizeAlerts, retentionForAlerts } from './alerts-normalize.js';
import type { ConfigIssue } from './config-error.js';
import { normalizeHealth } from './health-config.js';
import type { MergedObservability } from './observability-layers.js';
import type { ResolvedConfig } from './resolved-config.js';
import { normalizeRetention } from './retention-config.js';

/** The resolved `health`, `retention` (configured, or sized for the alert rules) and `alerts`. */
export function normalizeObservability(
  merged: MergedObservability,
  settings: { cardinalityLimit: number; collectionIntervalMs: number },
): Pick<ResolvedConfig, 'health' | 'retention' | 'alerts'> {
  const health = normalizeHealth(merged.health, settings.collectionIntervalMs);
  const alerts = merged.alerts?.value;
  const hasRules = alerts !== undefined && alerts.rules.length > 0;
  const retention =
    merged.retention !== undefined
      ? normalizeRetention(merged.retention.value, settings.cardinalityLimit)
      : hasRules
        ? retentionForAlerts(alerts, settings.cardinalityLimit)
        : undefined;
  return { health, retention, alerts: hasRules && retention !== undefined ? normalizeAlerts(alerts, retention) : undefined };
}

/**
 * Problems across fields of `health`, `retention` and `alerts` (the schemas check each field
 * alone). What they concern is taken out of `resolved`, so a non-strict start runs without it: a
 * rule or notifier that cannot work as written is left out, and a health port that a Prometheus
 * exporter uses falls back to serving health beside `/metrics`.
 */
export function checkObservability(merged: MergedObservability, resolved: ResolvedConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (merged.alerts !== undefined && resolved.retention !== undefined && resolved.alerts !== undefined) {
    const check = alertsIssues(merged.alerts.value, resolved.retention, merged.retention !== undefined, merged.alerts.path);
    issues.push(...check.issues);
    const alerts = resolved.alerts;
    alerts.rules = alerts.rules.filter((_, index) => !check.badRules.has(index));
    alerts.notify = alerts.notify.filter((_, index) => !check.badNotifiers.has(index));
    if (alerts.rules.length === 0) resolved.alerts = undefined;
  }
  const server = resolved.health.enabled ? resolved.health.server : undefined;
  if (server !== undefined && server.port !== 0) {
    const clash = resolved.exporters.find((exporter) => exporter.type === 'prometheus' && exporter.port === server.port && (exporter.host === server.host || isWildcard(exporter.host) || isWildcard(server.host)));
    if (clash !== undefined) {
      issues.push({
        path: 'health.port',
        value: server.port,
        expected: 'a port not used by a prometheus exporter',
        message: `the health server on ${server.host}:${server.port} clashes with the prometheus exporter on that port; leave health.port unset to serve health beside /metrics, or pick another port`,
      });
      resolved.health.server = undefined;
    }
  }
  return issues;
}

/** Whether a history reader is needed: for the history itself, or for an explicitly enabled transport check. */
export function needsHistoryReader(config: Pick<ResolvedConfig, 'retention' | 'health'>): boolean {
  return config.retention !== undefined || (config.health.enabled && config.health.transport.enabled === true);
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}
