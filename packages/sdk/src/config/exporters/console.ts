import * as z from 'zod/mini';
import type { ResolvedConsoleExporter } from '../resolved-config.js';
import { described, oneOf, optional } from '../schema-fields.js';
import type { ConsoleExporterConfig } from '../types.js';
import type { ExporterDefinition } from './exporter-definition.js';

/** Defaults of a console exporter, as documented on `ConsoleExporterConfig`. */
export const CONSOLE_DEFAULTS = { format: 'table' } as const;

export const consoleExporterSchema = described(
  z.strictObject({
    type: z.literal('console'),
    format: optional(oneOf(['table', 'json']), { description: 'table: one line per data point; json: one JSON document per collection.', default: CONSOLE_DEFAULTS.format }),
  }),
  { title: 'Console exporter', description: 'Writes each collection to stderr (stdout is the MCP stdio wire).' },
);

export const consoleExporter: ExporterDefinition<ConsoleExporterConfig, ResolvedConsoleExporter> = {
  type: 'console',
  // No OTel variable configures the console exporter.
  envFields: {},
  normalize: (config) => ({ type: 'console', format: config.format ?? CONSOLE_DEFAULTS.format }),
};
