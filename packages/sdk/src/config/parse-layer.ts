import type * as z from 'zod/mini';
import type { ConfigIssue } from './config-error.js';
import { mismatchIssue } from './config-error.js';
import type { LayerSource } from './config-path.js';
import { layerPath } from './config-path.js';
import { exporterConfigSchema } from './exporters/exporter-registry.js';
import { metricsConfigSchema } from './metrics-config-schema.js';
import type { ExporterConfig, MetricsConfig } from './types.js';
import { issuesFromZod, unknownKeyIssue } from './zod-issues.js';

/** A structured layer (the config object or the file) after validation. */
export interface ParsedLayer {
  /** The valid fields only; an invalid field is left out (and reported). */
  config: MetricsConfig;
  /** For each entry of `config.exporters`, its `ConfigIssue.path` (invalid entries are left out). */
  exporterPaths: string[];
  issues: ConfigIssue[];
  /** Where the layer came from (for issue paths found after the merge); unset for an empty layer. */
  source?: LayerSource;
}

const FIELDS = metricsConfigSchema.shape;
const FIELD_NAMES = Object.keys(FIELDS);

/** A layer with nothing in it (no config object, no file). */
export function emptyLayer(): ParsedLayer {
  return { config: {}, exporterPaths: [], issues: [] };
}

/**
 * Validates one layer field by field, so that one bad field neither hides the problems of the
 * others nor of the other sources: every issue is collected, and the valid rest still takes part
 * in the merge (which decides, e.g., which env variables are read at all).
 */
export function parseLayer(raw: unknown, source: LayerSource): ParsedLayer {
  const layer: ParsedLayer = { ...emptyLayer(), source };
  if (raw === undefined || raw === null) return layer;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    layer.issues.push(mismatchIssue(layerPath(source, []), raw, 'an object (a MetricsConfig)'));
    return layer;
  }
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === undefined) continue;
    // Editors find the JSON Schema through `$schema`; it is not configuration.
    if (source.kind === 'file' && key === '$schema') continue;
    if (!Object.hasOwn(FIELDS, key)) {
      layer.issues.push(unknownKeyIssue(layerPath(source, [key]), key, value, FIELD_NAMES));
    } else if (key === 'exporters' && Array.isArray(value)) {
      config.exporters = parseExporters(value, source, layer);
    } else {
      const schema = FIELDS[key as keyof typeof FIELDS] as z.ZodMiniType;
      const result = schema.safeParse(value, { reportInput: true });
      if (result.success) config[key] = result.data;
      else layer.issues.push(...issuesFromZod(result.error.issues, source, [key], schema, value));
    }
  }
  layer.config = config; // every field passed its own schema
  checkIdentityAttributes(layer, source);
  return layer;
}

/** Entry by entry: the list stays defined (it still shadows lower layers) even if an entry is bad. */
function parseExporters(entries: readonly unknown[], source: LayerSource, layer: ParsedLayer): ExporterConfig[] {
  const valid: ExporterConfig[] = [];
  for (const [index, entry] of entries.entries()) {
    const result = exporterConfigSchema.safeParse(entry, { reportInput: true });
    if (result.success) {
      valid.push(result.data);
      layer.exporterPaths.push(layerPath(source, ['exporters', index]));
    } else {
      layer.issues.push(...issuesFromZod(result.error.issues, source, ['exporters', index], exporterConfigSchema, entry));
    }
  }
  return valid;
}

/** `service.name` / `service.version` in `resourceAttributes` stand for `serviceName` / `serviceVersion`: strings only. */
function checkIdentityAttributes(layer: ParsedLayer, source: LayerSource): void {
  const attributes = layer.config.resourceAttributes;
  if (attributes === undefined) return;
  for (const [key, field] of [['service.name', 'serviceName'], ['service.version', 'serviceVersion']] as const) {
    const value = attributes[key];
    if (value === undefined || (typeof value === 'string' && value !== '')) continue;
    layer.issues.push(mismatchIssue(layerPath(source, ['resourceAttributes', key]), value, `a non-empty string (or set ${field})`));
    delete attributes[key];
  }
}
