import * as z from 'zod/mini';
import type { DurationInput } from './types.js';
import { durationToMs } from './duration.js';
import { described, duration, expecting, flag, integer, nonEmptyString, optional, rate } from './schema-fields.js';

/** One built-in health check: on or off, and whether it counts for `/readyz`. */
export interface HealthCheckSwitch {
  /** @default true */
  enabled?: boolean;
  /** A critical check that is unhealthy fails `/readyz` (and `/health`); a non-critical one only degrades `/health`. @default false */
  critical?: boolean;
}

/** The exporter check: every exporter succeeded (export, or scrape) within `maxAge`. */
export interface ExporterHealthConfig extends HealthCheckSwitch {
  /** @default three collection intervals */
  maxAge?: DurationInput;
}

/** The event-loop check: delay p99 since the previous check under `limit`. */
export interface EventLoopHealthConfig extends HealthCheckSwitch {
  /** @default "500ms" */
  limit?: DurationInput;
}

/** The heap check: heap used under `limit`, a fraction of V8's heap size limit. */
export interface HeapHealthConfig extends HealthCheckSwitch {
  /** @default 0.9 */
  limit?: number;
}

/**
 * Health checks and the `/livez`, `/readyz` and `/health` endpoints. They are served beside
 * `/metrics` by every Prometheus exporter's server, or by their own server when `port` is set (so
 * they also work without Prometheus).
 *
 * @example
 * ```ts
 * await startMetrics({ exporters: [{ type: 'otlp' }], health: { port: 8081, host: '0.0.0.0', eventLoopDelay: { critical: true } } });
 * ```
 */
export interface HealthConfig {
  /** `false` serves no health endpoints and runs no built-in checks. @default true */
  enabled?: boolean;
  /** Interface of the own health server (only with `port`). @default "127.0.0.1" (env `MCP_OTEL_HEALTH_HOST`) */
  host?: string;
  /** Port of an own health server; `0` picks a free one (read it from `handle.endpoints.health`). @default none: served beside `/metrics` (env `MCP_OTEL_HEALTH_PORT`) */
  port?: number;
  /** How long a check result is reused, so a probe storm cannot run checks in a loop (a check's own `interval` wins). @default "5s" */
  cacheInterval?: DurationInput;
  /** How long a check may take before it counts as unhealthy (a check's own `timeout` wins). @default "2s" */
  timeout?: DurationInput;
  /** Each exporter succeeded (export, or scrape) recently. @default on, not critical, `maxAge` three collection intervals */
  exporters?: ExporterHealthConfig;
  /** Event-loop delay p99 (since the previous check) under `limit`. @default on, not critical, `limit` "500ms" */
  eventLoopDelay?: EventLoopHealthConfig;
  /** Heap used under `limit`, a fraction of V8's heap size limit. @default on, not critical, `limit` 0.9 */
  heap?: HeapHealthConfig;
  /** MCP transports alive (from the instrumentation's transport metrics). @default on when the history runs (retention or alerts) */
  transport?: HealthCheckSwitch;
}

/** A resolved built-in check. */
export interface ResolvedHealthCheck {
  enabled: boolean;
  critical: boolean;
}

/** The resolved `health` key. */
export interface ResolvedHealth {
  enabled: boolean;
  /** Own server, or `undefined` to serve beside `/metrics`. */
  server: { host: string; port: number } | undefined;
  cacheMs: number;
  timeoutMs: number;
  exporters: ResolvedHealthCheck & { maxAgeMs: number };
  eventLoopDelay: ResolvedHealthCheck & { limitMs: number };
  heap: ResolvedHealthCheck & { limit: number };
  /** `enabled: undefined`: on when the history runs. */
  transport: { enabled: boolean | undefined; critical: boolean };
}

export const HEALTH_DEFAULTS = { host: '127.0.0.1', cacheMs: 5_000, timeoutMs: 2_000, eventLoopLimitMs: 500, heapLimit: 0.9, exporterIntervals: 3 } as const;

const switchFields = {
  enabled: optional(flag(), { description: 'Run this check.', default: true }),
  critical: optional(flag(), { description: 'An unhealthy critical check fails /readyz; a non-critical one degrades /health.', default: false }),
};

export const healthConfigSchema = described(
  z.strictObject(
    {
      enabled: optional(flag(), { description: 'false serves no health endpoints and runs no built-in checks.', default: true }),
      host: optional(nonEmptyString(), { description: 'Interface of the own health server (with port; env MCP_OTEL_HEALTH_HOST).', default: HEALTH_DEFAULTS.host }),
      port: optional(integer(0, 65535), { description: 'Port of an own health server; 0 picks a free one. Default: served beside /metrics (env MCP_OTEL_HEALTH_PORT).' }),
      cacheInterval: optional(duration(0), { description: 'How long a check result is reused.', default: '5s' }),
      timeout: optional(duration(0, true), { description: 'How long a check may take before it counts as unhealthy.', default: '2s' }),
      exporters: optional(
        z.strictObject(
          { ...switchFields, maxAge: optional(duration(1), { description: 'A push exporter must have succeeded within this time. Default: three collection intervals.' }) },
          expecting('an object like { "critical": false }'),
        ),
        { description: 'Each exporter succeeded recently.' },
      ),
      eventLoopDelay: optional(
        z.strictObject({ ...switchFields, limit: optional(duration(1), { description: 'Most event-loop delay (p99) that is healthy.', default: '500ms' }) }, expecting('an object like { "limit": "500ms" }')),
        { description: 'Event-loop delay p99 under a limit.' },
      ),
      heap: optional(
        z.strictObject(
          { ...switchFields, limit: optional(rate(), { description: "Most heap used, as a fraction of V8's heap size limit.", default: HEALTH_DEFAULTS.heapLimit }) },
          expecting('an object like { "limit": 0.9 }'),
        ),
        { description: 'Heap used under a limit.' },
      ),
      transport: optional(z.strictObject(switchFields, expecting('an object like { "critical": true }')), { description: 'MCP transports alive (default: on when the history runs).' }),
    },
    expecting('an object of health settings'),
  ),
  { title: 'Health', description: 'Health checks and the /livez, /readyz, /health endpoints.' },
);

/** Applies the defaults; `collectionIntervalMs` sizes the exporter check's `maxAge`. */
export function normalizeHealth(config: HealthConfig, collectionIntervalMs: number): ResolvedHealth {
  const ms = (value: DurationInput | undefined, fallback: number) => (value === undefined ? undefined : durationToMs(value)) ?? fallback;
  return {
    enabled: config.enabled ?? true,
    server: config.port === undefined ? undefined : { host: config.host ?? HEALTH_DEFAULTS.host, port: config.port },
    cacheMs: ms(config.cacheInterval, HEALTH_DEFAULTS.cacheMs),
    timeoutMs: ms(config.timeout, HEALTH_DEFAULTS.timeoutMs),
    exporters: {
      enabled: config.exporters?.enabled ?? true,
      critical: config.exporters?.critical ?? false,
      maxAgeMs: ms(config.exporters?.maxAge, HEALTH_DEFAULTS.exporterIntervals * collectionIntervalMs),
    },
    eventLoopDelay: {
      enabled: config.eventLoopDelay?.enabled ?? true,
      critical: config.eventLoopDelay?.critical ?? false,
      limitMs: ms(config.eventLoopDelay?.limit, HEALTH_DEFAULTS.eventLoopLimitMs),
    },
    heap: { enabled: config.heap?.enabled ?? true, critical: config.heap?.critical ?? false, limit: config.heap?.limit ?? HEALTH_DEFAULTS.heapLimit },
    transport: { enabled: config.transport?.enabled, critical: config.transport?.critical ?? false },
  };
}
