import { PROMETHEUS_DEFAULTS } from '../../src/config/exporters/prometheus';
import { normalizeHealth } from '../../src/config/health-config';
import type { ResolvedConfig, ResolvedPrometheusExporter } from '../../src/config/resolved-config';

/** A resolved config with every default and no exporters, for tests of the `create/*` functions. */
export function resolvedConfig(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    enabled: true,
    serviceName: 'test-service',
    serviceVersion: undefined,
    resourceAttributes: {},
    collectionIntervalMs: 60_000,
    exporters: [],
    samplingRate: 1,
    components: {},
    cardinalityLimit: 2000,
    registerGlobal: false,
    shutdownOnSignals: false,
    shutdownTimeoutMs: 5000,
    strict: false,
    runtime: false,
    health: normalizeHealth({}, 60_000),
    retention: undefined,
    alerts: undefined,
    ...overrides,
  };
}

/** A resolved Prometheus exporter as config resolution makes it (every default), on a free port. */
export function resolvedPrometheus(overrides: Partial<ResolvedPrometheusExporter> = {}): ResolvedPrometheusExporter {
  return { type: 'prometheus', ...PROMETHEUS_DEFAULTS, port: 0, auth: undefined, tls: undefined, ...overrides };
}
