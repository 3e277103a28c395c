import { z } from 'zod';
import type { ResolvedConsoleExporter } from '../resolved-config.js';
import { oneOf } from '../schema-fields.js';
import type { ConsoleExporterConfig } from '../types.js';
import type { ExporterDefinition } from './exporter-definition.js';

/** Defaults of a console exporter, as documented on `ConsoleExporterConfig`. */
export const CONSOLE_DEFAULTS = { format: 'table' } as const;

export const consoleExporterSchema = z
  .strictObject({
    type: z.literal('console'),
    format: oneOf(['table', 'json'])
      .optional()
      .meta({ description: 'table: one line per data point; json: one JSON document per collection.', default: CONSOLE_DEFAULTS.format }),
  })
  .meta({ title: 'Console exporter', description: 'Writes each collection to stderr (stdout is the MCP stdio wire).' });

export const consoleExporter: ExporterDefinition<ConsoleExporterConfig, ResolvedConsoleExporter> = {
  type: 'console',
  // No OTel variable configures the console exporter.
  envFields: {},
  normalize: (config) => ({ type: 'console', format: config.format ?? CONSOLE_DEFAULTS.format }),
};
