import type { Histogram, MeterProvider } from '@opentelemetry/api';
import type { HealthRegistry } from './health-registry.js';
import type { HealthCheckResult, HealthStatus } from './health-types.js';

/** Meter (instrumentation scope) of the health metrics. */
export const HEALTH_METER_NAME = '@mcp-otel/sdk/health';
export const METRIC_HEALTH_CHECK_STATUS = 'mcp_otel.health.check.status';
export const METRIC_HEALTH_CHECK_DURATION = 'mcp_otel.health.check.duration';
export const ATTR_HEALTH_CHECK_NAME = 'mcp_otel.health.check.name';
export const ATTR_HEALTH_STATUS = 'mcp_otel.health.status';

const STATUSES: readonly HealthStatus[] = ['healthy', 'degraded', 'unhealthy'];
const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Health as metrics: `mcp_otel.health.check.status` (a state set: 1 for the check's current
 * status, 0 for the other two) from the last result of each check, and
 * `mcp_otel.health.check.duration` for every run. A collection never runs checks (a check may
 * collect metrics itself, and a collection must not wait on checks): the statuses are those of the
 * last probe or `handle.health.check()`.
 */
export class HealthMetrics {
  private readonly duration: Histogram;

  constructor(provider: MeterProvider, registry: () => HealthRegistry) {
    const meter = provider.getMeter(HEALTH_METER_NAME);
    this.duration = meter.createHistogram(METRIC_HEALTH_CHECK_DURATION, {
      description: 'Time each health check run took.',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    });
    meter
      .createObservableGauge(METRIC_HEALTH_CHECK_STATUS, { description: 'Status of each health check: 1 for its current status, 0 for the others.' })
      .addCallback((result) => {
        for (const check of registry().lastResults()) {
          for (const status of STATUSES) result.observe(check.status === status ? 1 : 0, { [ATTR_HEALTH_CHECK_NAME]: check.name, [ATTR_HEALTH_STATUS]: status });
        }
      });
  }

  /** Records one run (the registry's `onRun`). */
  recordRun(name: string, _result: HealthCheckResult, durationMs: number): void {
    this.duration.record(durationMs / 1000, { [ATTR_HEALTH_CHECK_NAME]: name });
  }
}
