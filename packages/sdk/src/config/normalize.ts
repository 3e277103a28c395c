import { durationToMs } from './duration.js';
import { normalizeExporter } from './exporters/exporter-registry.js';
import type { MergedConfig } from './merge-layers.js';
import { normalizeObservability } from './observability-normalize.js';
import type { ResolvedComponent, ResolvedConfig } from './resolved-config.js';
import type { ComponentConfig, ExporterConfig } from './types.js';

/**
 * Every top-level default, in one place (exporter defaults live with each exporter type in
 * `exporters/<type>.ts`). They match the `@default` tags of `MetricsConfig`.
 */
export const CONFIG_DEFAULTS = {
  enabled: true,
  serviceName: 'unknown_service:node',
  collectionIntervalMs: 60_000,
  samplingRate: 1,
  cardinalityLimit: 2000,
  registerGlobal: true,
  shutdownOnSignals: false,
  shutdownTimeoutMs: 5_000,
  strict: false,
  runtime: true,
} as const;

/** The exporters when no source names any. Env variables of their type still apply. */
export const DEFAULT_EXPORTERS: readonly ExporterConfig[] = [{ type: 'prometheus' }];

/** Applies every default with `??` (never `||`: `0` and `false` are values). Input is already validated. */
export function normalizeConfig(merged: MergedConfig): ResolvedConfig {
  const samplingRate = merged.samplingRate ?? CONFIG_DEFAULTS.samplingRate;
  const components: Record<string, ResolvedComponent> = {};
  for (const [name, component] of Object.entries(merged.components)) components[name] = normalizeComponent(component, samplingRate);
  const collectionIntervalMs = (merged.collectionInterval === undefined ? undefined : durationToMs(merged.collectionInterval)) ?? CONFIG_DEFAULTS.collectionIntervalMs;
  const cardinalityLimit = merged.cardinalityLimit ?? CONFIG_DEFAULTS.cardinalityLimit;
  return {
    enabled: !merged.disabledByEnv && (merged.enabled ?? CONFIG_DEFAULTS.enabled),
    serviceName: merged.serviceName ?? CONFIG_DEFAULTS.serviceName,
    serviceVersion: merged.serviceVersion,
    // Already a fresh object (mergeLayers builds it); not copied again: it may hold 100k keys.
    resourceAttributes: merged.resourceAttributes,
    collectionIntervalMs,
    exporters: merged.exporters.map((exporter) => normalizeExporter(exporter.config)),
    samplingRate,
    components,
    cardinalityLimit,
    registerGlobal: merged.registerGlobal ?? CONFIG_DEFAULTS.registerGlobal,
    shutdownOnSignals: merged.shutdownOnSignals ?? CONFIG_DEFAULTS.shutdownOnSignals,
    shutdownTimeoutMs: (merged.shutdownTimeout === undefined ? undefined : durationToMs(merged.shutdownTimeout)) ?? CONFIG_DEFAULTS.shutdownTimeoutMs,
    strict: merged.strict ?? CONFIG_DEFAULTS.strict,
    runtime: merged.runtime ?? CONFIG_DEFAULTS.runtime,
    ...normalizeObservability(merged, { cardinalityLimit, collectionIntervalMs }),
  };
}

function normalizeComponent(component: ComponentConfig, globalSamplingRate: number): ResolvedComponent {
  return {
    enabled: component.enabled ?? true,
    samplingRate: component.samplingRate ?? globalSamplingRate,
    histogramBuckets: component.histogramBuckets === undefined ? undefined : [...component.histogramBuckets],
    attributes: component.attributes === undefined ? undefined : [...component.attributes],
  };
}
