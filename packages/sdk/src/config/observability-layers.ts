import type { AlertsConfig } from './alerts-config.js';
import type { LayerSource } from './config-path.js';
import { layerPath } from './config-path.js';
import { envInteger } from './env/env-parsers.js';
import type { EnvReader } from './env/env-reader.js';
import type { HealthConfig } from './health-config.js';
import type { ParsedLayer } from './parse-layer.js';
import type { RetentionConfig } from './retention-config.js';

/** A value from one layer, with how to name a place inside it in an issue. */
export interface Layered<T> {
  value: T;
  /** `alerts.rules[0].name` (code) or `file /x.yaml: alerts.rules[0].name`. */
  path: (segments: PropertyKey[]) => string;
}

/** `health`, `retention` and `alerts` after merging the layers. */
export interface MergedObservability {
  health: HealthConfig;
  retention: Layered<RetentionConfig> | undefined;
  alerts: Layered<AlertsConfig> | undefined;
}

/**
 * Merges `health` field by field (object > env `MCP_OTEL_HEALTH_HOST`/`_PORT` > file; each
 * built-in check's settings merge the same way); `retention` and `alerts` come whole from the
 * first layer that sets them (object, then file), as rule lists are replaced, never spliced.
 */
export function mergeObservability(code: ParsedLayer, file: ParsedLayer, env: EnvReader): MergedObservability {
  const high = code.config.health ?? {};
  const low = file.config.health ?? {};
  const health: HealthConfig = { ...low, ...defined(high) };
  for (const check of ['exporters', 'eventLoopDelay', 'heap', 'transport'] as const) {
    if (low[check] !== undefined || high[check] !== undefined) (health as Record<string, unknown>)[check] = { ...low[check], ...defined(high[check] ?? {}) };
  }
  if (high.host === undefined) health.host = env.text('MCP_OTEL_HEALTH_HOST') ?? low.host;
  if (high.port === undefined) health.port = env.read('MCP_OTEL_HEALTH_PORT', envInteger(0, 65535)) ?? low.port;
  if (health.host === undefined) delete health.host;
  if (health.port === undefined) delete health.port;
  return { health, retention: pick(code, file, 'retention'), alerts: pick(code, file, 'alerts') };
}

function pick<K extends 'retention' | 'alerts'>(code: ParsedLayer, file: ParsedLayer, key: K): Layered<NonNullable<ParsedLayer['config'][K]>> | undefined {
  for (const layer of [code, file]) {
    const value = layer.config[key];
    if (value === undefined) continue;
    const source: LayerSource = layer.source ?? { kind: 'code' };
    return { value, path: (segments) => layerPath(source, [key, ...segments]) };
  }
  return undefined;
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
