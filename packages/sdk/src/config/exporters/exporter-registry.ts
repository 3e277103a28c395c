import * as z from 'zod/mini';
import type { EnvReader } from '../env/env-reader.js';
import type { ResolvedExporter } from '../resolved-config.js';
import { encodeExpected } from '../schema-fields.js';
import type { ExporterConfig, ExporterType } from '../types.js';
import { consoleExporter, consoleExporterSchema } from './console.js';
import type { ExporterDefinition } from './exporter-definition.js';
import { fileExporter, fileExporterSchema } from './file.js';
import { otlpExporter, otlpExporterSchema } from './otlp.js';
import { prometheusExporter, prometheusExporterSchema } from './prometheus.js';
import { statsdExporter, statsdExporterSchema } from './statsd.js';

/** One exporter of any type; `type` picks the schema. */
export const exporterConfigSchema = z.discriminatedUnion(
  'type',
  [prometheusExporterSchema, otlpExporterSchema, consoleExporterSchema, statsdExporterSchema, fileExporterSchema],
  {
    error: encodeExpected({ expected: 'an exporter object like { "type": "prometheus" }' }),
  },
);

type DefinitionOf<K extends ExporterType> = ExporterDefinition<Extract<ExporterConfig, { type: K }>, Extract<ResolvedExporter, { type: K }>>;

/** Every exporter type; the mapped type makes a type added to `ExporterConfig` a compile error until it is listed here. */
export const exporterDefinitions: { readonly [K in ExporterType]: DefinitionOf<K> } = {
  prometheus: prometheusExporter,
  otlp: otlpExporter,
  console: consoleExporter,
  statsd: statsdExporter,
  file: fileExporter,
};

/** The exporter type names, in documentation order. */
export const EXPORTER_TYPES = Object.keys(exporterDefinitions) as readonly ExporterType[];

// `config.type` picks the matching definition, so handing it the whole union is sound (TypeScript
// accepts this through method-parameter bivariance).
function definitionFor(type: ExporterType): ExporterDefinition<ExporterConfig, ResolvedExporter> {
  return exporterDefinitions[type];
}

/** Applies the defaults of the exporter's type. */
export function normalizeExporter(config: ExporterConfig): ResolvedExporter {
  return definitionFor(config.type).normalize(config);
}

/** Which layer an exporter entry came from; it decides how environment variables combine with it. */
export type ExporterOrigin = 'code' | 'file' | 'env' | 'default';

/**
 * Fills an exporter's fields from its environment variables. An entry from the config object keeps
 * its own fields (env fills only what it leaves unset, and is not even read for the rest); an entry
 * from the file yields to env; an entry from `OTEL_METRICS_EXPORTER` (or the default) takes env
 * values. Map fields (OTLP `headers`) merge key by key with the same precedence.
 */
export function fillFromEnv(config: ExporterConfig, origin: ExporterOrigin, env: EnvReader): ExporterConfig {
  const definition = definitionFor(config.type);
  for (const [name, instead] of Object.entries(definition.unsupportedEnv ?? {})) {
    if (env.text(name) !== undefined) env.read(name, () => ({ ok: false, expected: 'it unset', hint: instead }));
  }
  const filled: Record<string, unknown> = { ...config };
  const mergers = (definition.mergeFields ?? {}) as Record<string, ((high: unknown, low: unknown) => unknown) | undefined>;
  for (const [field, read] of Object.entries<((env: EnvReader) => unknown) | undefined>(definition.envFields)) {
    if (read === undefined) continue;
    const own = filled[field];
    const merge = mergers[field];
    if (origin === 'code' && own !== undefined && merge === undefined) continue;
    const fromEnv = read(env);
    if (fromEnv === undefined) continue;
    if (own === undefined) filled[field] = fromEnv;
    else if (origin === 'code') filled[field] = merge === undefined ? own : merge(own, fromEnv);
    else filled[field] = merge === undefined ? fromEnv : merge(fromEnv, own);
  }
  return filled as unknown as ExporterConfig;
}
