import type { AlertExpression } from '../../src/alerts/alert-rule-types';
import { promDuration, promNumber } from '../../src/alerts/expression/promql-text';
import { toPromQL } from '../../src/alerts/expression/to-promql';
import { prometheusLabelName, prometheusMetricFamily } from '../../src/alerts/prometheus/prometheus-names';

const plain = { withoutUnits: true };
const units = { withoutUnits: false };
const promql = (expr: AlertExpression, naming = plain) => {
  const result = toPromQL(expr, naming, (selector) => selector.unit);
  return result.ok ? result.promql : result.problems;
};

describe('toPromQL', () => {
  it.each<[string, AlertExpression, string]>([
    ['value', { type: 'value', metric: 'queue.depth', threshold: 10 }, 'sum(queue_depth) > 10'],
    ['value by, max, op', { type: 'value', metric: 'queue.depth', by: ['queue.name'], aggregate: 'max', op: '<=', threshold: -1.5 }, 'max by (queue_name) (queue_depth) <= -1.5'],
    ['rate of a counter', { type: 'rate', metric: 'http.requests', window: '90s', threshold: 1 }, 'sum(rate(http_requests_total[1m30s])) > 1'],
    ['increase of a histogram sum', { type: 'increase', metric: 'job.duration', field: 'sum', window: '1h', threshold: 60 }, 'sum(increase(job_duration_sum[1h])) > 60'],
    [
      'ratio with matchers',
      {
        type: 'ratio',
        window: '5m',
        threshold: 0.05,
        op: '>=',
        by: ['route'],
        numerator: { metric: 'http.requests', attributes: { code: { op: '=~', value: '5..' } } },
        denominator: { metric: 'http.requests' },
      },
      'sum by (route) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (route) (rate(http_requests_total[5m])) >= 0.05',
    ],
    [
      'quantile with scope and escaping',
      { type: 'quantile', metric: 'op.duration', scope: '@mcp-otel/instrumentation/mcp', attributes: { path: 'a"b\\c' }, quantile: 0.99, window: '5m', by: ['tool'], threshold: 2 },
      'histogram_quantile(0.99, sum by (le, tool) (rate(op_duration_bucket{path="a\\"b\\\\c",otel_scope_name="@mcp-otel/instrumentation/mcp"}[5m]))) > 2',
    ],
    ['avg_over_time', { type: 'avg_over_time', metric: 'cpu.load', window: '10m', threshold: 0.8 }, 'avg(avg_over_time(cpu_load[10m])) > 0.8'],
    ['max_over_time', { type: 'max_over_time', metric: 'cpu.load', window: '1m', threshold: 0.95, by: ['core'] }, 'max by (core) (max_over_time(cpu_load[1m])) > 0.95'],
    ['absent now', { type: 'absent', metric: 'worker.heartbeat', attributes: { worker: 'w1' } }, 'absent(worker_heartbeat{worker="w1"})'],
    ['absent over a window, of a counter', { type: 'absent', metric: 'jobs.done', kind: 'counter', window: '15m' }, 'absent_over_time(jobs_done_total[15m])'],
  ])('%s', (_name, expr, expected) => {
    expect(promql(expr)).toBe(expected);
  });

  it('writes unit suffixes when the names carry units, and reports an unknown unit', () => {
    expect(promql({ type: 'quantile', metric: 'mcp.server.operation.duration', unit: 's', quantile: 0.5, window: '1m', threshold: 1 }, units)).toBe(
      'histogram_quantile(0.5, sum by (le) (rate(mcp_server_operation_duration_seconds_bucket[1m]))) > 1',
    );
    expect(promql({ type: 'rate', metric: 'mcp.server.operation.duration', window: '1m', threshold: 1 }, units)).toEqual([
      'the unit of metric "mcp.server.operation.duration" is not known, and Prometheus names carry units: add unit (e.g. "s") to the selector',
    ]);
  });

  it('reports what PromQL would select differently', () => {
    expect(promql({ type: 'value', metric: '...', threshold: 1 })).toEqual(['metric "..." has no valid Prometheus name']);
    expect(promql({ type: 'value', metric: 'x', attributes: { 'a.b': '1', a_b: '2' }, threshold: 1 })).toEqual(['attribute keys "a.b" and "a_b" are both the Prometheus label "a_b"']);
    expect(promql({ type: 'value', metric: 'x', attributes: { a: { op: '!~', value: '(?!x).*' } }, threshold: 1 })).toEqual([
      'the regular expression of attribute "a" uses lookaround ((?=, (?!, (?<=, (?<!), which Prometheus (RE2) does not support',
    ]);
  });
});

describe('PromQL text', () => {
  it('writes durations as Prometheus does', () => {
    expect([0, 500, 15_000, 90_000, 3_600_000, 5_400_000, 86_400_000 * 14, 86_400_000 * 10].map(promDuration)).toEqual(['0s', '500ms', '15s', '1m30s', '1h', '1h30m', '2w', '10d']);
    expect([0.2, 1e-7, Infinity, -Infinity, NaN].map(promNumber)).toEqual(['0.2', '1e-7', '+Inf', '-Inf', 'NaN']);
  });
});

describe('Prometheus names', () => {
  it('follows the serializer without units', () => {
    expect(prometheusMetricFamily({ name: 'mcp.tool.calls', kind: 'counter', unit: '{call}' }, plain)).toBe('mcp_tool_calls_total');
    expect(prometheusMetricFamily({ name: 'jobs_total', kind: 'counter', unit: '' }, plain)).toBe('jobs_total');
    expect(prometheusMetricFamily({ name: '2xx.count', kind: 'gauge', unit: '' }, plain)).toBe('_2xx_count');
    expect(prometheusLabelName('gen_ai.tool.name')).toBe('gen_ai_tool_name');
  });

  it.each([
    ['mcp.server.operation.duration', 'histogram', 's', 'mcp_server_operation_duration_seconds'],
    ['mcp_otel.transport.message.size', 'histogram', 'By', 'mcp_otel_transport_message_size_bytes'],
    ['mcp_otel.transport.messages', 'counter', '{message}', 'mcp_otel_transport_messages_total'],
    ['system.cpu.utilization', 'gauge', '1', 'system_cpu_utilization_ratio'],
    ['http.requests', 'counter', '1/s', 'http_requests_per_second_total'],
    ['process.runtime.heap', 'updowncounter', 'MiBy', 'process_runtime_heap_mebibytes'],
    ['latency.seconds', 'histogram', 's', 'latency_seconds'],
    ['jobs.total', 'counter', '', 'jobs_total'],
  ] as const)('names %s (%s, unit %s) %s with units, as Prometheus OTLP translation does', (name, kind, unit, expected) => {
    expect(prometheusMetricFamily({ name, kind, unit }, units)).toBe(expected);
  });
});
