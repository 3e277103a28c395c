import * as z from 'zod/mini';
import { envInteger, envOneOf } from '../env/env-parsers.js';
import type { ResolvedStatsdExporter } from '../resolved-config.js';
import { described, integer, matching, nonEmptyString, oneOf, optional } from '../schema-fields.js';
import type { StatsdExporterConfig } from '../types.js';
import type { ExporterDefinition } from './exporter-definition.js';

/** Defaults of a StatsD exporter, as documented on `StatsdExporterConfig`. */
export const STATSD_DEFAULTS = {
  host: '127.0.0.1',
  port: 8125,
  protocol: 'udp',
  prefix: '',
  tags: 'dogstatsd',
  // 1500-byte MTU minus the IPv6 (40) and UDP (8) headers is 1452; 20 bytes more stay free for IP
  // options and tunnels (the value DogStatsD clients use), so no datagram is fragmented.
  maxPacketBytes: 1432,
} as const;

const PROTOCOLS = ['udp', 'tcp'] as const;
const TAG_STYLES = ['dogstatsd', 'graphite', 'none'] as const;
/** Largest UDP payload over IPv4 (65535 - 8 UDP - 20 IP header bytes). */
const MAX_DATAGRAM = 65_507;
const PREFIX = /^[A-Za-z0-9_.-]*$/;
const PREFIX_EXPECTED = 'a metric name prefix of letters, digits, "_", "-" and "."';

export const statsdExporterSchema = described(
  z.strictObject({
    type: z.literal('statsd'),
    host: optional(nonEmptyString(), { description: 'Daemon host name or IP (env MCP_OTEL_STATSD_HOST).', default: STATSD_DEFAULTS.host }),
    port: optional(integer(1, 65535), { description: 'Daemon port (env MCP_OTEL_STATSD_PORT).', default: STATSD_DEFAULTS.port }),
    protocol: optional(oneOf(PROTOCOLS), { description: 'udp: datagrams; tcp: newline-framed stream with reconnect (env MCP_OTEL_STATSD_PROTOCOL).', default: STATSD_DEFAULTS.protocol }),
    prefix: optional(matching(PREFIX, PREFIX_EXPECTED), { description: 'Prepended to every metric name, joined with a "." (env MCP_OTEL_STATSD_PREFIX).', default: STATSD_DEFAULTS.prefix }),
    tags: optional(oneOf(TAG_STYLES), { description: 'dogstatsd: |#k:v; graphite: name;k=v; none: attributes dropped (env MCP_OTEL_STATSD_TAGS).', default: STATSD_DEFAULTS.tags }),
    maxPacketBytes: optional(integer(64, MAX_DATAGRAM), { description: 'Largest datagram payload; lines are packed up to it, never split (env MCP_OTEL_STATSD_MAX_PACKET_BYTES).', default: STATSD_DEFAULTS.maxPacketBytes }),
  }),
  { title: 'StatsD exporter', description: 'Pushes to a StatsD daemon: counters as deltas, gauges as values, histograms as ms timers.' },
);

/** The prefix as env gives it, checked like the schema checks it. */
const envPrefix = (text: string) => (PREFIX.test(text) ? { ok: true as const, value: text } : { ok: false as const, expected: PREFIX_EXPECTED });

export const statsdExporter: ExporterDefinition<StatsdExporterConfig, ResolvedStatsdExporter> = {
  type: 'statsd',
  envFields: {
    host: (env) => env.text('MCP_OTEL_STATSD_HOST'),
    port: (env) => env.read('MCP_OTEL_STATSD_PORT', envInteger(1, 65535)),
    protocol: (env) => env.read('MCP_OTEL_STATSD_PROTOCOL', envOneOf(PROTOCOLS)),
    prefix: (env) => env.read('MCP_OTEL_STATSD_PREFIX', envPrefix),
    tags: (env) => env.read('MCP_OTEL_STATSD_TAGS', envOneOf(TAG_STYLES)),
    maxPacketBytes: (env) => env.read('MCP_OTEL_STATSD_MAX_PACKET_BYTES', envInteger(64, MAX_DATAGRAM)),
  },
  normalize: (config) => ({
    type: 'statsd',
    host: config.host ?? STATSD_DEFAULTS.host,
    port: config.port ?? STATSD_DEFAULTS.port,
    protocol: config.protocol ?? STATSD_DEFAULTS.protocol,
    prefix: config.prefix ?? STATSD_DEFAULTS.prefix,
    tags: config.tags ?? STATSD_DEFAULTS.tags,
    maxPacketBytes: config.maxPacketBytes ?? STATSD_DEFAULTS.maxPacketBytes,
  }),
};
