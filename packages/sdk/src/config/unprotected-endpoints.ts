import type { ConfigIssue } from './config-error.js';
import type { MergedExporter } from './merge-layers.js';
import { PROMETHEUS_DEFAULTS } from './exporters/prometheus.js';
import type { ResolvedConfig } from './resolved-config.js';

/** Hosts that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * A Prometheus endpoint bound beyond loopback without `auth` lets anyone who can reach the port read
 * every metric (and load the host with scrapes). That takes a deliberate `allowUnauthenticated:
 * true`; otherwise it is an issue, and the endpoint falls back to the loopback default.
 */
export function protectEndpoints(merged: readonly MergedExporter[], resolved: ResolvedConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [index, exporter] of resolved.exporters.entries()) {
    if (exporter.type !== 'prometheus' || isLoopbackHost(exporter.host) || exporter.auth !== undefined || exporter.allowUnauthenticated) continue;
    issues.push({
      path: `${merged[index]?.path ?? `exporters[${index}]`}.host`,
      value: exporter.host,
      expected: 'a loopback host, or auth, or allowUnauthenticated: true',
      message:
        `host ${JSON.stringify(exporter.host)} serves metrics beyond this machine without authentication, so it is bound to ` +
        `${PROMETHEUS_DEFAULTS.host} instead. Set auth (MCP_OTEL_PROMETHEUS_BEARER_TOKEN, or MCP_OTEL_PROMETHEUS_USERNAME and ` +
        'MCP_OTEL_PROMETHEUS_PASSWORD), or allowUnauthenticated: true (MCP_OTEL_PROMETHEUS_ALLOW_UNAUTHENTICATED=true) if the network is trusted',
    });
    exporter.host = PROMETHEUS_DEFAULTS.host;
  }
  return issues;
}
