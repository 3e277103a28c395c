import type { MeterProvider } from '@opentelemetry/api';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { Clock } from '../clock/clock.js';
import { durationToMs } from '../config/duration.js';
import type { ResolvedHealth } from '../config/health-config.js';
import { exporterCheck } from './checks/exporter-check.js';
import { transportCheck } from './checks/transport-check.js';
import type { ExporterStatus } from './exporter-status.js';
import { HealthMetrics } from './health-metrics.js';
import { HealthRegistry } from './health-registry.js';
import type { HealthApi, HealthCheckOptions } from './health-types.js';

/** The health of a handle: the registry behind the endpoints, and the API. */
export interface HealthParts {
  registry: HealthRegistry;
  api: HealthApi;
}

/** What building health needs besides the config. */
export interface HealthDependencies {
  clock: Clock;
  meterProvider: MeterProvider;
  /** Every exporter, with how to read its status and the clock of its times. */
  exporters: ReadonlyArray<{ name: string; read: () => ExporterStatus; now: () => number }>;
  /** A collection of every metric, for the transport check (absent: no transport check). */
  collect: (() => Promise<ResourceMetrics>) | undefined;
}

/**
 * The registry with the platform-independent built-in checks (one per exporter, MCP transports),
 * health metrics, and `handle.health`. Built even when health is off, so `register` always works.
 */
export function createHealth(config: ResolvedHealth, dependencies: HealthDependencies): HealthParts {
  const { clock } = dependencies;
  // The metrics read the registry only at collection time, after it exists.
  const metrics: HealthMetrics | undefined = config.enabled ? new HealthMetrics(dependencies.meterProvider, (): HealthRegistry => registry) : undefined;
  const registry: HealthRegistry = new HealthRegistry({
    clock,
    defaultTimeoutMs: config.timeoutMs,
    defaultCacheMs: config.cacheMs,
    onRun: metrics === undefined ? undefined : (name, result, durationMs) => metrics.recordRun(name, result, durationMs),
  });
  if (config.enabled && config.exporters.enabled) {
    for (const exporter of dependencies.exporters) {
      registry.register(`exporter:${exporter.name}`, exporterCheck(exporter.read, exporter.now, config.exporters.maxAgeMs), { critical: config.exporters.critical });
    }
  }
  if (config.enabled && config.transport.enabled !== false && dependencies.collect !== undefined) {
    registry.register('mcp-transport', transportCheck(dependencies.collect), { critical: config.transport.critical });
  }
  const checks = registry;
  const api: HealthApi = {
    register: (name, check, options: HealthCheckOptions = {}) =>
      checks.register(name, check, {
        critical: options.critical,
        timeoutMs: options.timeout === undefined ? undefined : durationOption(options.timeout, 'timeout'),
        cacheMs: options.interval === undefined ? undefined : durationOption(options.interval, 'interval'),
      }),
    check: () => checks.report(),
    ready: () => checks.report((check) => check.critical),
  };
  return { registry: checks, api };
}

function durationOption(value: string | number, field: string): number {
  const ms = durationToMs(value);
  if (ms === undefined) throw new RangeError(`mcp-otel: health check option "${field}" must be a duration (ms, or "500ms", "2s"), got ${JSON.stringify(value)}`);
  return ms;
}
