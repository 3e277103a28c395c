import { metricsConfigJsonSchema } from '@mcp-otel/sdk';

/**
 * The JSON Schema of the config file, as text, for editors (`"$schema"` in a JSON config, or
 * `# yaml-language-server: $schema=...` in YAML).
 */
export function printSchema(): string {
  return JSON.stringify(metricsConfigJsonSchema, null, 2) + '\n';
}
