import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { Agent } from 'node:http';
import type { ResolvedOtlpExporter } from '../../config/resolved-config.js';
import { createOtlpExporter } from '../../exporters/otlp/create-otlp-exporter.js';
import { OTLP_ENCODINGS } from '../../exporters/otlp/otlp-encoding.js';
import { createNodeOtlpSender } from './node-otlp-sender.js';

/** How the exporter reaches the receiver; production passes `ReleasableAgents.factory`. */
export interface OtlpTransportOptions {
  /** Makes the HTTP(S) agent for a protocol (`http:` or `https:`). @default a keep-alive agent per exporter */
  agentFactory?: (protocol: string) => Promise<Agent> | Agent;
  /** Waits before a retry. @default a plain `setTimeout` */
  wait?: (ms: number) => Promise<void>;
}

async function keepAliveAgent(protocol: string): Promise<Agent> {
  const module = protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new module.Agent({ keepAlive: true });
}

/**
 * The OTLP/HTTP metric exporter on Node: `node:http`/`node:https` with keep-alive and gzip, and the
 * resolved config as its only source (nothing read from `process.env`: the config pipeline merged
 * the `OTEL_EXPORTER_OTLP_*` variables of `sources.env` already, and `handle.config` shows them).
 */
export function createNodeOtlpExporter(config: ResolvedOtlpExporter, transport: OtlpTransportOptions = {}): PushMetricExporter {
  const sender = createNodeOtlpSender({
    url: config.endpoint,
    headers: config.headers,
    contentType: OTLP_ENCODINGS[config.protocol].contentType,
    compression: config.compression,
    agentFactory: transport.agentFactory ?? keepAliveAgent,
  });
  return createOtlpExporter(config, sender, transport.wait && { now: Date.now, random: Math.random, wait: transport.wait });
}
