import * as z from 'zod/mini';
import type { EnvReader } from '../env/env-reader.js';
import type { EnvParser } from '../env/env-reader.js';
import { envHttpUrl, envInteger, envKeyValues, envOneOf } from '../env/env-parsers.js';
import type { ResolvedOtlpExporter } from '../resolved-config.js';
import { described, duration, httpUrl, matching, oneOf, optional, record } from '../schema-fields.js';
import { durationToMs } from '../duration.js';
import type { OtlpExporterConfig } from '../types.js';
import type { ExporterDefinition } from './exporter-definition.js';

/** Defaults of an OTLP exporter, as documented on `OtlpExporterConfig`. */
export const OTLP_DEFAULTS = {
  endpoint: 'http://localhost:4318/v1/metrics',
  protocol: 'http/protobuf',
  timeoutMs: 10_000,
  compression: 'none',
  temporality: 'cumulative',
} as const;

const PROTOCOLS = ['http/protobuf', 'http/json'] as const;
const COMPRESSIONS = ['gzip', 'none'] as const;
const TEMPORALITIES = ['cumulative', 'delta', 'lowmemory'] as const;
const GRPC = { grpc: { hint: 'grpc is not supported, use "http/protobuf" (a Collector takes it on port 4318)', suggestion: 'http/protobuf' } };

/** RFC 9110 token: what Node accepts as a header name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_NAME_EXPECTED = 'an HTTP header name (letters, digits and !#$%&\'*+-.^_`|~)';
/** What Node accepts in a header value: no control characters except tab. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const HEADER_VALUE_EXPECTED = 'a header value without control characters';

export const otlpExporterSchema = described(
  z.strictObject({
    type: z.literal('otlp'),
    endpoint: optional(httpUrl(OTLP_DEFAULTS.endpoint), { description: 'Full URL of the metrics endpoint (env OTEL_EXPORTER_OTLP_METRICS_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/metrics).', default: OTLP_DEFAULTS.endpoint }),
    protocol: optional(oneOf(PROTOCOLS, GRPC), { description: 'Wire encoding (env OTEL_EXPORTER_OTLP_METRICS_PROTOCOL / OTEL_EXPORTER_OTLP_PROTOCOL).', default: OTLP_DEFAULTS.protocol }),
    headers: optional(record('an object of HTTP header names to string values', HEADER_NAME_EXPECTED, HEADER_NAME, matching(HEADER_VALUE, HEADER_VALUE_EXPECTED)), { description: 'Extra HTTP headers, e.g. an API key (env OTEL_EXPORTER_OTLP_METRICS_HEADERS / OTEL_EXPORTER_OTLP_HEADERS).', default: {} }),
    timeout: optional(duration(0, true), { description: 'Timeout of one export request (env OTEL_EXPORTER_OTLP_METRICS_TIMEOUT / OTEL_EXPORTER_OTLP_TIMEOUT, ms).', default: '10s' }),
    compression: optional(oneOf(COMPRESSIONS), { description: 'Body compression (env OTEL_EXPORTER_OTLP_METRICS_COMPRESSION / OTEL_EXPORTER_OTLP_COMPRESSION).', default: OTLP_DEFAULTS.compression }),
    temporality: optional(oneOf(TEMPORALITIES), { description: 'Aggregation temporality preference (env OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE).', default: OTLP_DEFAULTS.temporality }),
  }),
  { title: 'OTLP exporter', description: 'Pushes OTLP/HTTP to an OpenTelemetry Collector or any OTLP receiver.' },
);

/** The signal-specific variable wins; the generic one is not even read when the specific one is set. */
function specificOrGeneric<T>(env: EnvReader, suffix: string, parse: EnvParser<T>): T | undefined {
  const specific = `OTEL_EXPORTER_OTLP_METRICS_${suffix}`;
  if (env.text(specific) !== undefined) return env.read(specific, parse);
  return env.read(`OTEL_EXPORTER_OTLP_${suffix}`, parse);
}

/** The generic endpoint is a base URL: the spec appends `v1/metrics` to its path. */
function metricsUrlFromBase(base: string): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/metrics`;
  return url.href;
}

/** Header names are case-insensitive: a higher-precedence `Authorization` replaces `authorization`. */
export function mergeHeaders(high: Record<string, string>, low: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = {};
  const highNames = new Set(Object.keys(high).map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(low)) if (!highNames.has(name.toLowerCase())) merged[name] = value;
  return Object.assign(merged, high);
}

const TLS_FILES_INSTEAD =
  'mcp-otel does not read the OTLP certificate variables (the exporter takes its settings from the resolved config only); ' +
  'for a private CA start Node with NODE_EXTRA_CA_CERTS=<file>, client certificates are not supported yet';

const envHeaders = envKeyValues({
  example: 'api-key=secret,x-tenant=a',
  keyPattern: HEADER_NAME,
  keyExpected: HEADER_NAME_EXPECTED,
  valuePattern: HEADER_VALUE,
  valueExpected: HEADER_VALUE_EXPECTED,
});

export const otlpExporter: ExporterDefinition<OtlpExporterConfig, ResolvedOtlpExporter> = {
  type: 'otlp',
  envFields: {
    endpoint: (env) => {
      if (env.text('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT') !== undefined) return env.read('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', envHttpUrl);
      const base = env.read('OTEL_EXPORTER_OTLP_ENDPOINT', envHttpUrl);
      return base === undefined ? undefined : metricsUrlFromBase(base);
    },
    protocol: (env) => specificOrGeneric(env, 'PROTOCOL', envOneOf(PROTOCOLS, GRPC)),
    headers: (env) => {
      // Both are read and merged key by key, the metrics-specific one winning.
      const generic = env.read('OTEL_EXPORTER_OTLP_HEADERS', envHeaders);
      const specific = env.read('OTEL_EXPORTER_OTLP_METRICS_HEADERS', envHeaders);
      if (generic === undefined) return specific;
      return specific === undefined ? generic : mergeHeaders(specific, generic);
    },
    timeout: (env) => specificOrGeneric(env, 'TIMEOUT', envInteger(1, undefined, ' (milliseconds)')),
    compression: (env) => specificOrGeneric(env, 'COMPRESSION', envOneOf(COMPRESSIONS)),
    temporality: (env) => env.read('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', envOneOf(TEMPORALITIES)),
  },
  mergeFields: { headers: mergeHeaders },
  unsupportedEnv: Object.fromEntries(
    ['CERTIFICATE', 'CLIENT_CERTIFICATE', 'CLIENT_KEY'].flatMap((suffix) => [
      [`OTEL_EXPORTER_OTLP_${suffix}`, TLS_FILES_INSTEAD],
      [`OTEL_EXPORTER_OTLP_METRICS_${suffix}`, TLS_FILES_INSTEAD],
    ]),
  ),
  normalize: (config) => ({
    type: 'otlp',
    endpoint: config.endpoint ?? OTLP_DEFAULTS.endpoint,
    protocol: config.protocol ?? OTLP_DEFAULTS.protocol,
    headers: { ...config.headers },
    // Validated before normalization, so the duration parses.
    timeoutMs: (config.timeout === undefined ? undefined : durationToMs(config.timeout)) ?? OTLP_DEFAULTS.timeoutMs,
    compression: config.compression ?? OTLP_DEFAULTS.compression,
    temporality: config.temporality ?? OTLP_DEFAULTS.temporality,
  }),
};
