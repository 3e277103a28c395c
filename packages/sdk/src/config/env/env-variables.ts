import { LOG_LEVEL_NAMES } from '../../diag/stderr-diag-logger.js';
import { didYouMean } from '../did-you-mean.js';
import { EXPORTER_TYPES } from '../exporters/exporter-registry.js';
import { listValues } from '../config-error.js';
import type { ExporterType } from '../types.js';
import { envBoolean, envInteger, envKeyValues, envOneOf } from './env-parsers.js';
import type { EnvParser, EnvReader } from './env-reader.js';

/** The general (not exporter-specific) OTel variables, each read through `EnvReader`. */

/** `OTEL_SDK_DISABLED`: only `true` (any case) disables; anything but `true`/`false` is an issue. */
export function readSdkDisabled(env: EnvReader): boolean {
  return env.read('OTEL_SDK_DISABLED', envBoolean) ?? false;
}

export function readServiceName(env: EnvReader): string | undefined {
  return env.text('OTEL_SERVICE_NAME');
}

export function readResourceAttributes(env: EnvReader): Record<string, string> | undefined {
  return env.read('OTEL_RESOURCE_ATTRIBUTES', envKeyValues({ example: 'deployment.environment.name=prod,team=a%20b' }));
}

/**
 * `OTEL_LOG_LEVEL`, read here only to validate it: the diag logger is installed from the raw
 * variable before the config resolves. A value it does not know (`loud`) would otherwise be
 * ignored silently.
 */
export function readLogLevel(env: EnvReader): string | undefined {
  return env.read('OTEL_LOG_LEVEL', envOneOf(LOG_LEVEL_NAMES, LOG_LEVEL_HINTS));
}

const LOG_LEVEL_HINTS = {
  warning: { hint: 'did you mean "warn"?', suggestion: 'warn' },
  trace: { hint: 'OTel calls the most detailed level "verbose" (or "all")', suggestion: 'verbose' },
  off: { hint: 'did you mean "none"?', suggestion: 'none' },
};

/** `OTEL_METRIC_EXPORT_INTERVAL`, in milliseconds. */
export function readExportInterval(env: EnvReader): number | undefined {
  return env.read('OTEL_METRIC_EXPORT_INTERVAL', envInteger(1, undefined, ' (milliseconds)'));
}

/** `MCP_OTEL_SHUTDOWN_TIMEOUT`, in milliseconds. */
export function readShutdownTimeout(env: EnvReader): number | undefined {
  return env.read('MCP_OTEL_SHUTDOWN_TIMEOUT', envInteger(1, undefined, ' (milliseconds)'));
}

/** `MCP_OTEL_STRICT`: `true` makes every config or startup problem reject `startMetrics`. */
export function readStrict(env: EnvReader): boolean | undefined {
  return env.read('MCP_OTEL_STRICT', envBoolean);
}

/** `OTEL_METRICS_EXPORTER`: the exporter types to create, `[]` for `none`. */
export function readExporterTypes(env: EnvReader): ExporterType[] | undefined {
  return env.read('OTEL_METRICS_EXPORTER', parseExporterList);
}

const NAMES = [...EXPORTER_TYPES, 'none'];
const EXPECTED = `a comma-separated list of ${listValues(NAMES)}`;

const parseExporterList: EnvParser<ExporterType[]> = (text) => {
  const names = text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const types: ExporterType[] = [];
  for (const name of names) {
    if (name === 'none') {
      if (names.length === 1) return { ok: true, value: [] };
      return { ok: false, expected: EXPECTED, hint: '"none" cannot be combined with other exporters' };
    }
    if (name === 'logging') return { ok: false, expected: EXPECTED, shown: name, hint: '"logging" is the old name of "console"', suggestion: 'console' };
    const type = EXPORTER_TYPES.find((known) => known === name);
    if (type === undefined) {
      const suggestion = didYouMean(name, NAMES);
      return suggestion === undefined ? { ok: false, expected: EXPECTED, shown: name } : { ok: false, expected: EXPECTED, shown: name, suggestion };
    }
    if (types.includes(type)) return { ok: false, expected: EXPECTED, hint: `"${type}" is listed twice` };
    types.push(type);
  }
  return { ok: true, value: types };
};
