import * as z from 'zod/mini';
import { envBoolean, envInteger, envOneOf } from '../env/env-parsers.js';
import type { EnvReader } from '../env/env-reader.js';
import type { ResolvedFileExporter } from '../resolved-config.js';
import { described, duration, expecting, flag, integer, nonEmptyString, oneOf, optional } from '../schema-fields.js';
import { durationToMs } from '../duration.js';
import type { FileExporterConfig, FileRotationConfig } from '../types.js';
import type { ExporterDefinition } from './exporter-definition.js';

/** Defaults of a file exporter, as documented on `FileExporterConfig`. */
export const FILE_DEFAULTS = {
  format: 'jsonl',
  path: { jsonl: 'mcp-otel-metrics.jsonl', prometheus: 'mcp-otel-metrics.prom' },
  rotation: { maxBytes: 10 * 1024 * 1024, maxFiles: 5 },
  withoutUnits: false,
} as const;

const FORMATS = ['jsonl', 'prometheus'] as const;

const rotationSchema = described(
  z.strictObject(
    {
      maxBytes: optional(integer(1), { description: 'Rotate before a write would pass this many bytes (env MCP_OTEL_FILE_MAX_BYTES).', default: FILE_DEFAULTS.rotation.maxBytes }),
      maxFiles: optional(integer(1), { description: 'Files kept, the one being written included (env MCP_OTEL_FILE_MAX_FILES).', default: FILE_DEFAULTS.rotation.maxFiles }),
      interval: optional(duration(1), { description: 'Also rotate once the file has been written this long: ms, or "30m", "6h"... (env MCP_OTEL_FILE_ROTATION_INTERVAL, ms).' }),
    },
    expecting('an object like { "maxBytes": 10485760, "maxFiles": 5 }'),
  ),
  { description: 'Size (and time) rotation of the jsonl file.' },
);

export const fileExporterSchema = described(
  z.strictObject({
    type: z.literal('file'),
    path: optional(nonEmptyString('a file path'), { description: 'The file to write; its directory must exist (env MCP_OTEL_FILE_PATH).', default: FILE_DEFAULTS.path.jsonl }),
    format: optional(oneOf(FORMATS), { description: 'jsonl: one OTLP/JSON request per line; prometheus: text snapshot replaced atomically (env MCP_OTEL_FILE_FORMAT).', default: FILE_DEFAULTS.format }),
    rotation: optional(rotationSchema),
    withoutUnits: optional(flag(), { description: 'prometheus format: metric names without unit suffixes, as before 0.2 (env MCP_OTEL_FILE_WITHOUT_UNITS).', default: false }),
  }),
  { title: 'File exporter', description: 'Writes each collection to a file: OTLP/JSON lines with rotation, or a Prometheus text snapshot.' },
);

/** The rotation fields env sets, or `undefined` when it sets none. */
function envRotation(env: EnvReader): FileRotationConfig | undefined {
  const rotation: FileRotationConfig = {};
  const maxBytes = env.read('MCP_OTEL_FILE_MAX_BYTES', envInteger(1, undefined, ' (bytes)'));
  const maxFiles = env.read('MCP_OTEL_FILE_MAX_FILES', envInteger(1));
  const interval = env.read('MCP_OTEL_FILE_ROTATION_INTERVAL', envInteger(1, undefined, ' (milliseconds)'));
  if (maxBytes !== undefined) rotation.maxBytes = maxBytes;
  if (maxFiles !== undefined) rotation.maxFiles = maxFiles;
  if (interval !== undefined) rotation.interval = interval;
  return Object.keys(rotation).length === 0 ? undefined : rotation;
}

/** Field by field: `high` wins where it sets a field. */
function mergeRotation(high: FileRotationConfig, low: FileRotationConfig): FileRotationConfig {
  const merged: FileRotationConfig = { ...low };
  if (high.maxBytes !== undefined) merged.maxBytes = high.maxBytes;
  if (high.maxFiles !== undefined) merged.maxFiles = high.maxFiles;
  if (high.interval !== undefined) merged.interval = high.interval;
  return merged;
}

export const fileExporter: ExporterDefinition<FileExporterConfig, ResolvedFileExporter> = {
  type: 'file',
  envFields: {
    path: (env) => env.text('MCP_OTEL_FILE_PATH'),
    format: (env) => env.read('MCP_OTEL_FILE_FORMAT', envOneOf(FORMATS)),
    rotation: envRotation,
    withoutUnits: (env) => env.read('MCP_OTEL_FILE_WITHOUT_UNITS', envBoolean),
  },
  mergeFields: { rotation: mergeRotation },
  normalize: (config) => {
    const format = config.format ?? FILE_DEFAULTS.format;
    const interval = config.rotation?.interval;
    return {
      type: 'file',
      path: config.path ?? FILE_DEFAULTS.path[format],
      format,
      rotation: {
        maxBytes: config.rotation?.maxBytes ?? FILE_DEFAULTS.rotation.maxBytes,
        maxFiles: config.rotation?.maxFiles ?? FILE_DEFAULTS.rotation.maxFiles,
        // Validated before normalization, so the duration parses.
        intervalMs: interval === undefined ? undefined : durationToMs(interval),
      },
      withoutUnits: config.withoutUnits ?? FILE_DEFAULTS.withoutUnits,
    };
  },
};
