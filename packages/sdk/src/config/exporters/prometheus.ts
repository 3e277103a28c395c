import * as z from 'zod/mini';
import { envBoolean, envInteger } from '../env/env-parsers.js';
import type { EnvReader } from '../env/env-reader.js';
import { durationToMs } from '../duration.js';
import type { ResolvedPrometheusExporter } from '../resolved-config.js';
import { described, duration, expecting, flag, integer, matching, nonEmptyString, optional } from '../schema-fields.js';
import type { PrometheusAuthConfig, PrometheusExporterConfig } from '../types.js';
import type { ExporterDefinition } from './exporter-definition.js';

/** Defaults of a Prometheus exporter, as documented on `PrometheusExporterConfig`. */
export const PROMETHEUS_DEFAULTS = {
  host: '127.0.0.1',
  port: 9464,
  path: '/metrics',
  maxConcurrentScrapes: 16,
  minScrapeIntervalMs: 0,
  scrapeTimeoutMs: 10_000,
  allowUnauthenticated: false,
  withoutUnits: false,
} as const;

const authSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('bearer'), token: nonEmptyString('a non-empty token') }),
    z.strictObject({ type: z.literal('basic'), username: nonEmptyString('a non-empty user name'), password: nonEmptyString('a non-empty password') }),
  ],
  expecting('{ "type": "bearer", "token": "…" } or { "type": "basic", "username": "…", "password": "…" }'),
);

const tlsSchema = z.strictObject(
  {
    cert: nonEmptyString('the path of a PEM certificate (chain) file'),
    key: nonEmptyString('the path of a PEM private key file'),
  },
  expecting('{ "cert": "<PEM file>", "key": "<PEM file>" }'),
);

export const prometheusExporterSchema = described(
  z.strictObject({
    type: z.literal('prometheus'),
    host: optional(nonEmptyString(), { description: 'Interface to bind (env OTEL_EXPORTER_PROMETHEUS_HOST). Not loopback: needs auth or allowUnauthenticated.', default: PROMETHEUS_DEFAULTS.host }),
    port: optional(integer(0, 65535), { description: 'TCP port; 0 picks a free port (env OTEL_EXPORTER_PROMETHEUS_PORT).', default: PROMETHEUS_DEFAULTS.port }),
    path: optional(matching(/^\//, 'a path starting with "/"'), { description: 'Path of the metrics endpoint.', default: PROMETHEUS_DEFAULTS.path }),
    maxConcurrentScrapes: optional(integer(1), { description: 'Scrapes served at once; more get 503 with Retry-After (env MCP_OTEL_PROMETHEUS_MAX_CONCURRENT_SCRAPES).', default: PROMETHEUS_DEFAULTS.maxConcurrentScrapes }),
    minScrapeInterval: optional(duration(0), { description: 'Scrapes within this long of the last collection share it (env MCP_OTEL_PROMETHEUS_MIN_SCRAPE_INTERVAL, ms).', default: 0 }),
    scrapeTimeout: optional(duration(1), { description: 'Observable callbacks slower than this are left out of a scrape (env MCP_OTEL_PROMETHEUS_SCRAPE_TIMEOUT, ms).', default: '10s' }),
    auth: optional(authSchema, { description: 'Require a bearer token or basic auth on every request (env MCP_OTEL_PROMETHEUS_BEARER_TOKEN, or MCP_OTEL_PROMETHEUS_USERNAME + MCP_OTEL_PROMETHEUS_PASSWORD).' }),
    tls: optional(tlsSchema, { description: 'Serve HTTPS with this certificate and key, PEM files (env MCP_OTEL_PROMETHEUS_TLS_CERT + MCP_OTEL_PROMETHEUS_TLS_KEY).' }),
    allowUnauthenticated: optional(flag(), { description: 'Accept a non-loopback host without auth (env MCP_OTEL_PROMETHEUS_ALLOW_UNAUTHENTICATED).', default: false }),
    withoutUnits: optional(flag(), { description: 'Metric names without unit suffixes, as before 0.2: mcp_server_operation_duration, not mcp_server_operation_duration_seconds (env MCP_OTEL_PROMETHEUS_WITHOUT_UNITS).', default: false }),
  }),
  { title: 'Prometheus exporter', description: 'Serves the Prometheus/OpenMetrics text format over HTTP (pull).' },
);

/** Bearer wins over basic; basic needs both variables (a lone one is ignored, then reported by the caller's check). */
function readAuth(env: EnvReader): PrometheusAuthConfig | undefined {
  const token = env.text('MCP_OTEL_PROMETHEUS_BEARER_TOKEN');
  if (token !== undefined) return { type: 'bearer', token };
  const username = env.text('MCP_OTEL_PROMETHEUS_USERNAME');
  const password = env.text('MCP_OTEL_PROMETHEUS_PASSWORD');
  return username !== undefined && password !== undefined ? { type: 'basic', username, password } : undefined;
}

function readTls(env: EnvReader): { cert: string; key: string } | undefined {
  const cert = env.text('MCP_OTEL_PROMETHEUS_TLS_CERT');
  const key = env.text('MCP_OTEL_PROMETHEUS_TLS_KEY');
  return cert !== undefined && key !== undefined ? { cert, key } : undefined;
}

const ms = (input: number | string | undefined): number | undefined => (input === undefined ? undefined : durationToMs(input));

export const prometheusExporter: ExporterDefinition<PrometheusExporterConfig, ResolvedPrometheusExporter> = {
  type: 'prometheus',
  envFields: {
    host: (env) => env.text('OTEL_EXPORTER_PROMETHEUS_HOST'),
    port: (env) => env.read('OTEL_EXPORTER_PROMETHEUS_PORT', envInteger(0, 65535)),
    maxConcurrentScrapes: (env) => env.read('MCP_OTEL_PROMETHEUS_MAX_CONCURRENT_SCRAPES', envInteger(1)),
    minScrapeInterval: (env) => env.read('MCP_OTEL_PROMETHEUS_MIN_SCRAPE_INTERVAL', envInteger(0, undefined, ' (milliseconds)')),
    scrapeTimeout: (env) => env.read('MCP_OTEL_PROMETHEUS_SCRAPE_TIMEOUT', envInteger(1, undefined, ' (milliseconds)')),
    auth: readAuth,
    tls: readTls,
    allowUnauthenticated: (env) => env.read('MCP_OTEL_PROMETHEUS_ALLOW_UNAUTHENTICATED', envBoolean),
    withoutUnits: (env) => env.read('MCP_OTEL_PROMETHEUS_WITHOUT_UNITS', envBoolean),
  },
  normalize: (config) => ({
    type: 'prometheus',
    host: config.host ?? PROMETHEUS_DEFAULTS.host,
    port: config.port ?? PROMETHEUS_DEFAULTS.port,
    path: config.path ?? PROMETHEUS_DEFAULTS.path,
    maxConcurrentScrapes: config.maxConcurrentScrapes ?? PROMETHEUS_DEFAULTS.maxConcurrentScrapes,
    minScrapeIntervalMs: ms(config.minScrapeInterval) ?? PROMETHEUS_DEFAULTS.minScrapeIntervalMs,
    scrapeTimeoutMs: ms(config.scrapeTimeout) ?? PROMETHEUS_DEFAULTS.scrapeTimeoutMs,
    auth: config.auth === undefined ? undefined : { ...config.auth },
    tls: config.tls === undefined ? undefined : { ...config.tls },
    allowUnauthenticated: config.allowUnauthenticated ?? PROMETHEUS_DEFAULTS.allowUnauthenticated,
    withoutUnits: config.withoutUnits ?? PROMETHEUS_DEFAULTS.withoutUnits,
  }),
};
