import fs from 'node:fs';
import path from 'node:path';
import { prometheusNameWithSuffixes } from '../../../src/exporters/prometheus/prometheus-metric-name.js';
import type { PrometheusMetricKind } from '../../../src/exporters/prometheus/prometheus-metric-name.js';

// Expected names of Prometheus' OTLP translation (prometheus/otlptranslator, MetricNamer with
// UTF8Allowed false and WithMetricSuffixes true, i.e. UnderscoreEscapingWithSuffixes), case by case
// from its own test table; then the metrics mcp-otel emits. The real receiver check is
// test/e2e/prometheus-naming-victoria-metrics.test.ts.
const CASES: [string, string, PrometheusMetricKind, string | undefined][] = [
  ['requests', '', 'counter', 'requests_total'],
  ['cpu_usage', '1', 'gauge', 'cpu_usage_ratio'],
  ['items', '1', 'counter', 'items_total'],
  ['response_time', 'ms', 'gauge', 'response_time_milliseconds'],
  ['memory_usage', 'By', 'gauge', 'memory_usage_bytes'],
  ['requests', '1/s', 'gauge', 'requests_per_second'],
  ['throughput', 'By/s', 'gauge', 'throughput_bytes_per_second'],
  ['custom_metric', 'custom_unit', 'gauge', 'custom_metric_custom_unit'],
  ['custom_metric', '{custom}', 'gauge', 'custom_metric'],
  ['custom_metric', 'By/{custom}', 'gauge', 'custom_metric_bytes'],
  ['requests_total', '', 'counter', 'requests_total'],
  ['cpu_usage_ratio', '1', 'gauge', 'cpu_usage_ratio'],
  ['response_time_seconds', 's', 'gauge', 'response_time_seconds'],
  ['cpu_seconds_total', 's', 'counter', 'cpu_seconds_total'],
  ['requests', '1/s', 'counter', 'requests_per_second_total'],
  ['123_requests', '', 'counter', '_123_requests_total'],
  ['metric__with__multiple__underscores', 'unit__multiple__underscores', 'gauge', 'metric_with_multiple_underscores_unit_multiple_underscores'],
  ['custom_metric', 'unit@with#special/chars', 'gauge', 'custom_metric_unit_with_special_per_chars'],
  ['@#$%', '', 'gauge', undefined],
  ['request_duration', 's', 'histogram', 'request_duration_seconds'],
  ['active_connections', '', 'updowncounter', 'active_connections'],
  ['uptime', 'd', 'gauge', 'uptime_days'],
  ['duration', 'h', 'gauge', 'duration_hours'],
  // A total token anywhere moves to the end; ratio only for gauges.
  ['total.requests', '', 'counter', 'requests_total'],
  ['share', '1', 'updowncounter', 'share'],
  ['temperature', 'Cel', 'gauge', 'temperature_celsius'],
  ['load', '%', 'gauge', 'load_percent'],
  ['métric.with.ñ', 's', 'gauge', 'm_tric_with_seconds'],
];

// What mcp-otel emits (docs/metrics.md), as Prometheus names them.
const MCP: [string, string, PrometheusMetricKind, string][] = [
  ['mcp.server.operation.duration', 's', 'histogram', 'mcp_server_operation_duration_seconds'],
  ['mcp.client.operation.duration', 's', 'histogram', 'mcp_client_operation_duration_seconds'],
  ['mcp.server.session.duration', 's', 'histogram', 'mcp_server_session_duration_seconds'],
  ['mcp.client.session.duration', 's', 'histogram', 'mcp_client_session_duration_seconds'],
  ['gen_ai.execute_tool.duration', 's', 'histogram', 'gen_ai_execute_tool_duration_seconds'],
  ['mcp_otel.transport.messages', '{message}', 'counter', 'mcp_otel_transport_messages_total'],
  ['mcp_otel.transport.message.size', 'By', 'histogram', 'mcp_otel_transport_message_size_bytes'],
  ['mcp_otel.transport.active_connections', '{connection}', 'updowncounter', 'mcp_otel_transport_active_connections'],
  ['mcp_otel.transport.active_requests', '{request}', 'updowncounter', 'mcp_otel_transport_active_requests'],
  ['mcp_otel.transport.connect.duration', 's', 'histogram', 'mcp_otel_transport_connect_duration_seconds'],
  ['mcp_otel.transport.errors', '{error}', 'counter', 'mcp_otel_transport_errors_total'],
];

describe('prometheusNameWithSuffixes', () => {
  it.each(CASES)('names %j (unit %j, %s) as Prometheus does: %j', (name, unit, kind, expected) => {
    expect(prometheusNameWithSuffixes(name, unit, kind)).toBe(expected);
  });

  it.each(MCP)('names the mcp-otel metric %s (%s, %s) %s', (name, unit, kind, expected) => {
    expect(prometheusNameWithSuffixes(name, unit, kind)).toBe(expected);
  });

  it('gives every metric of docs/metrics.md the Prometheus name the page states', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../../../../docs/metrics.md'), 'utf8');
    const lines = doc.slice(doc.indexOf('\n## Summary\n')).split('\n');
    const first = lines.findIndex((line) => line.startsWith('|'));
    const table = lines.slice(first, lines.findIndex((line, i) => i > first && !line.startsWith('|')));
    const rows = table
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim().replace(/^`(.*)`$/, '$1')));
    const kinds: Record<string, PrometheusMetricKind> = { Histogram: 'histogram', Counter: 'counter', 'Counter (observable)': 'counter', 'UpDownCounter (observable)': 'updowncounter', 'Gauge (observable)': 'gauge' };
    expect(rows.length).toBeGreaterThan(10);
    for (const [, metric, instrument, unit, , , , prometheusName] of rows) {
      expect([metric, prometheusNameWithSuffixes(metric!, unit!, kinds[instrument!]!)]).toEqual([metric, prometheusName]);
    }
  });
});
