import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { HealthCheck } from '../health-types.js';

const TRANSPORT_SCOPE = '@mcp-otel/instrumentation/transport';
const ACTIVE_CONNECTIONS = 'mcp_otel.transport.active_connections';
const ERRORS = 'mcp_otel.transport.errors';
const TRANSPORT_TYPE = 'mcp_otel.transport.type';

/**
 * MCP transport liveness, from the transport metrics of `@mcp-otel/instrumentation` (the SDK never
 * imports it: it reads what the instrumentation records). Healthy without the instrumentation, or
 * while transports are open; unhealthy when every stdio transport that was open has closed (a stdio
 * server has lost its only client); degraded when transport errors were counted since the
 * previous check.
 */
export function transportCheck(collect: () => Promise<ResourceMetrics>): HealthCheck {
  let stdioSeen = false;
  let previousErrors: number | undefined;
  return async () => {
    const transport = (await collect()).scopeMetrics.filter((scope) => scope.scope.name === TRANSPORT_SCOPE);
    if (transport.length === 0) return { status: 'healthy', message: 'no MCP transport instrumented' };
    const open = new Map<string, number>();
    let errors = 0;
    for (const { metrics } of transport) {
      for (const metric of metrics) {
        for (const point of metric.dataPoints) {
          if (typeof point.value !== 'number') continue;
          if (metric.descriptor.name === ACTIVE_CONNECTIONS) {
            const type = String(point.attributes[TRANSPORT_TYPE] ?? 'unknown');
            open.set(type, (open.get(type) ?? 0) + point.value);
          } else if (metric.descriptor.name === ERRORS) {
            errors += point.value;
          }
        }
      }
    }
    const stdioOpen = open.get('stdio') ?? 0;
    if (stdioOpen > 0) stdioSeen = true;
    const newErrors = previousErrors === undefined ? 0 : Math.max(0, errors - previousErrors);
    previousErrors = errors;
    const details: Record<string, number> = { errors, newErrors };
    for (const [type, count] of open) details[`open.${type}`] = count;
    const summary = [...open].map(([type, count]) => `${type}: ${count}`).join(', ') || 'none';
    if (stdioSeen && stdioOpen === 0) return { status: 'unhealthy', message: `the stdio transport closed (open transports: ${summary})`, details };
    if (newErrors > 0) return { status: 'degraded', message: `${newErrors} transport error(s) since the last check (open transports: ${summary})`, details };
    return { status: 'healthy', message: `open transports: ${summary}`, details };
  };
}
