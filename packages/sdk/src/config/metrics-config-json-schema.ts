import * as z from 'zod/mini';
import { metricsConfigSchema } from './metrics-config-schema.js';

/** A JSON Schema document, as plain data. */
export type JsonSchema = { readonly [key: string]: unknown };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function buildJsonSchema(): JsonSchema {
  // `io: 'input'` describes what users write; checks JSON Schema cannot say (strictly increasing
  // buckets, durations above a bound written as strings) are left to `resolveConfig`.
  // `unrepresentable: 'any'`: a `callback` notifier holds a function, which a file cannot (it stays `{}`).
  const schema = z.toJSONSchema(metricsConfigSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const properties = schema.properties as Record<string, unknown>;
  // Files may name their schema for editors; the loader ignores this key.
  schema.properties = { $schema: { type: 'string', description: 'The JSON Schema of this file, for editors.' }, ...properties };
  return schema;
}

/**
 * The JSON Schema (draft 2020-12) of `MetricsConfig`, for editor completion and validation of
 * config files. Generated from the same zod schema `resolveConfig` validates with; also shipped as
 * `@mcp-otel/sdk/schema/mcp-otel.config.schema.json`. Deeply frozen.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { metricsConfigJsonSchema } from '@mcp-otel/sdk';
 *
 * writeFileSync('mcp-otel.config.schema.json', JSON.stringify(metricsConfigJsonSchema, null, 2));
 * // mcp-otel.json: { "$schema": "./mcp-otel.config.schema.json", "serviceName": "weather-mcp" }
 * ```
 */
export const metricsConfigJsonSchema: JsonSchema = deepFreeze(buildJsonSchema());
