/**
 * The programs of the browser bundle budget (issue 15 item 4), as a user would write them, bundled
 * by bench/groups/bundle-size.ts. `ours` and `otel` do the same job: start metrics with OTLP/HTTP
 * and time every MCP client request into `mcp.client.operation.duration`. The MCP SDK itself is
 * external in both: every program ships it, whichever metrics library it uses.
 */
export interface BrowserProgram {
  readonly name: 'ours' | 'otel' | 'floor' | 'facade';
  readonly label: string;
  readonly source: string;
}

export const BROWSER_PROGRAMS: readonly BrowserProgram[] = [
  {
    name: 'ours',
    label: 'mcp-otel: startMetrics (OTLP) + instrumentMcpClient',
    source: `
import { startMetrics } from '@mcp-otel/sdk';
import { instrumentMcpClient } from '@mcp-otel/instrumentation';
export async function main(client) {
  await startMetrics({ serviceName: 'web-chat', exporters: [{ type: 'otlp', endpoint: '/v1/metrics', protocol: 'http/json' }] });
  return instrumentMcpClient(client);
}`,
  },
  {
    name: 'otel',
    label: 'raw OTel: MeterProvider + OTLP/HTTP exporter + hand-written histogram',
    source: `
import { metrics } from '@opentelemetry/api';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
export function main(client) {
  const exporter = new OTLPMetricExporter({ url: '/v1/metrics' });
  const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'web-chat' }), readers: [new PeriodicExportingMetricReader({ exporter })] });
  metrics.setGlobalMeterProvider(provider);
  const duration = provider.getMeter('web-chat').createHistogram('mcp.client.operation.duration', { unit: 's' });
  const request = client.request.bind(client);
  client.request = async (message, ...rest) => {
    const start = performance.now();
    const attributes = { 'mcp.method.name': message.method };
    if (message.params && typeof message.params.name === 'string') attributes['gen_ai.tool.name'] = message.params.name;
    try {
      return await request(message, ...rest);
    } catch (error) {
      attributes['error.type'] = error && error.name ? error.name : '_OTHER';
      throw error;
    } finally {
      duration.record((performance.now() - start) / 1000, attributes);
    }
  };
  return client;
}`,
  },
  {
    // Not a program anyone would ship: the least any build of ours can weigh while it records
    // through OTel's SDK, as the stack prescribes (no exporter, no startMetrics, no config).
    // Against bundle.otel it bounds the budget from below (docs/performance.md).
    name: 'floor',
    label: 'floor: OTel MeterProvider + reader + instrumentMcpClient (no exporter, no startMetrics)',
    source: `
import { metrics } from '@opentelemetry/api';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { instrumentMcpClient } from '@mcp-otel/instrumentation';
export function main(client, exporter) {
  const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'web-chat' }), readers: [new PeriodicExportingMetricReader({ exporter })] });
  metrics.setGlobalMeterProvider(provider);
  return instrumentMcpClient(client);
}`,
  },
  {
    name: 'facade',
    label: 'mcp-otel facade only (tree-shaking: no exporter code may be in it)',
    source: `
import { metrics } from '@mcp-otel/sdk';
export function main() {
  metrics.counter('jobs.done').increment();
}`,
  },
];

/** Module paths that are exporter code: a facade-only bundle holding one is not tree-shaken. */
export const EXPORTER_MODULES = /exporter-metrics-otlp|otlp-exporter-base|otlp-transformer|\/exporters\/|platform\/browser\//;
