import { envPath } from './config-path.js';
import type { EnvReader } from './env/env-reader.js';
import { readExportInterval, readExporterTypes, readResourceAttributes, readSdkDisabled, readServiceName, readShutdownTimeout, readStrict } from './env/env-variables.js';
import type { ExporterOrigin } from './exporters/exporter-registry.js';
import { fillFromEnv } from './exporters/exporter-registry.js';
import { DEFAULT_EXPORTERS } from './normalize.js';
import type { MergedObservability } from './observability-layers.js';
import { mergeObservability } from './observability-layers.js';
import type { ParsedLayer } from './parse-layer.js';
import type { ComponentConfig, DurationInput, ExporterConfig, MetricsConfig, ResourceAttributeValue } from './types.js';

/** An exporter entry after merging, with the `ConfigIssue.path` of where it was defined. */
export interface MergedExporter {
  config: ExporterConfig;
  path: string;
}

/** The valid parts of every source, merged; defaults are not applied yet (`normalizeConfig` does that). */
export interface MergedConfig extends MergedObservability {
  enabled: boolean | undefined;
  /** `OTEL_SDK_DISABLED=true`: the kill switch wins over `enabled` from any layer. */
  disabledByEnv: boolean;
  serviceName: string | undefined;
  serviceVersion: string | undefined;
  /** Without `service.name` / `service.version`, which are `serviceName` / `serviceVersion`. */
  resourceAttributes: Record<string, ResourceAttributeValue>;
  collectionInterval: DurationInput | undefined;
  exporters: MergedExporter[];
  samplingRate: number | undefined;
  components: Record<string, ComponentConfig>;
  cardinalityLimit: number | undefined;
  registerGlobal: boolean | undefined;
  shutdownOnSignals: boolean | undefined;
  shutdownTimeout: DurationInput | undefined;
  strict: boolean | undefined;
  runtime: boolean | undefined;
}

const SERVICE_NAME = 'service.name';
const SERVICE_VERSION = 'service.version';

/**
 * Merges the layers: per field the config object wins over env, env over the file (programmatic
 * configuration wins, as in OTel SDKs). Maps (`resourceAttributes`, `components`, OTLP `headers`)
 * merge key by key with the same precedence; arrays are replaced whole. Env variables are read only
 * where they can matter (`??` short-circuits), so a shadowed variable is neither used nor validated.
 */
export function mergeLayers(code: ParsedLayer, file: ParsedLayer, env: EnvReader): MergedConfig {
  const fromCode = code.config;
  const fromFile = file.config;
  const envAttributes = readResourceAttributes(env) ?? {};
  return {
    enabled: fromCode.enabled ?? fromFile.enabled,
    disabledByEnv: readSdkDisabled(env),
    serviceName:
      identity(fromCode, 'serviceName', SERVICE_NAME) ?? readServiceName(env) ?? nonEmpty(envAttributes[SERVICE_NAME]) ?? identity(fromFile, 'serviceName', SERVICE_NAME),
    serviceVersion: identity(fromCode, 'serviceVersion', SERVICE_VERSION) ?? nonEmpty(envAttributes[SERVICE_VERSION]) ?? identity(fromFile, 'serviceVersion', SERVICE_VERSION),
    resourceAttributes: withoutIdentity({ ...fromFile.resourceAttributes, ...envAttributes, ...fromCode.resourceAttributes }),
    collectionInterval: fromCode.collectionInterval ?? readExportInterval(env) ?? fromFile.collectionInterval,
    exporters: mergeExporters(code, file, env),
    samplingRate: fromCode.samplingRate ?? fromFile.samplingRate,
    components: mergeComponents(fromCode.components ?? {}, fromFile.components ?? {}),
    cardinalityLimit: fromCode.cardinalityLimit ?? fromFile.cardinalityLimit,
    registerGlobal: fromCode.registerGlobal ?? fromFile.registerGlobal,
    shutdownOnSignals: fromCode.shutdownOnSignals ?? fromFile.shutdownOnSignals,
    shutdownTimeout: fromCode.shutdownTimeout ?? readShutdownTimeout(env) ?? fromFile.shutdownTimeout,
    strict: fromCode.strict ?? readStrict(env) ?? fromFile.strict,
    runtime: fromCode.runtime ?? fromFile.runtime,
    ...mergeObservability(code, file, env),
  };
}

/** Within a layer the dedicated field beats the resource attribute (`serviceName` over `service.name`). */
function identity(config: MetricsConfig, field: 'serviceName' | 'serviceVersion', attribute: string): string | undefined {
  const value = config[field] ?? config.resourceAttributes?.[attribute];
  return typeof value === 'string' ? value : undefined;
}

/** `service.name=` in `OTEL_RESOURCE_ATTRIBUTES` says nothing: an empty name is no name. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

/** Takes a fresh object (it is changed): rest-destructuring would copy a 100k-key map once more. */
function withoutIdentity(attributes: Record<string, ResourceAttributeValue>): Record<string, ResourceAttributeValue> {
  delete attributes[SERVICE_NAME];
  delete attributes[SERVICE_VERSION];
  return attributes;
}

/** The list comes whole from the first layer that defines it: object, `OTEL_METRICS_EXPORTER`, file, default. */
function mergeExporters(code: ParsedLayer, file: ParsedLayer, env: EnvReader): MergedExporter[] {
  const fromLayer = (layer: ParsedLayer, exporters: ExporterConfig[], origin: ExporterOrigin): MergedExporter[] =>
    exporters.map((config, index) => ({ config: fillFromEnv(config, origin, env), path: layer.exporterPaths[index] ?? `exporters[${index}]` }));
  if (code.config.exporters !== undefined) return fromLayer(code, code.config.exporters, 'code');
  const types = readExporterTypes(env);
  if (types !== undefined) {
    return types.map((type) => ({ config: fillFromEnv({ type }, 'env', env), path: envPath('OTEL_METRICS_EXPORTER') }));
  }
  if (file.config.exporters !== undefined) return fromLayer(file, file.config.exporters, 'file');
  return DEFAULT_EXPORTERS.map((config, index) => ({ config: fillFromEnv({ ...config }, 'default', env), path: `exporters[${index}] (default)` }));
}

function mergeComponents(high: Record<string, ComponentConfig>, low: Record<string, ComponentConfig>): Record<string, ComponentConfig> {
  const merged: Record<string, ComponentConfig> = {};
  for (const name of new Set([...Object.keys(low), ...Object.keys(high)])) merged[name] = mergeDefined(high[name] ?? {}, low[name] ?? {});
  return merged;
}

/** Field by field, `high` wins where it is defined. */
function mergeDefined<T extends object>(high: T, low: T): T {
  const merged = { ...low } as Record<string, unknown>;
  for (const [key, value] of Object.entries(high)) if (value !== undefined) merged[key] = value;
  return merged as T;
}
