import type { AlertRule, MetricsConfig } from '@mcp-otel/sdk';

/**
 * The demo's shipped alert rule: the error ratio of the flaky tool above 20% for 30 s. Server-side
 * tool calls (`mcp.server.operation.duration`, a histogram: its observation count) that carry an
 * `error.type`, over all of its calls, in a 30 s window. In Prometheus (`mcp-otel rules`):
 * `sum by (gen_ai_tool_name) (rate(..._count{...,error_type!=""}[30s])) / sum by (gen_ai_tool_name) (rate(..._count{...}[30s])) > 0.2`.
 */
export const FLAKY_TOOL_RULE: AlertRule = {
  name: 'FlakyToolErrors',
  severity: 'warning',
  for: '30s',
  keepFiringFor: '30s',
  annotations: { summary: '{{ $labels.gen_ai_tool_name }} fails {{ $value | humanizePercentage }} of its calls' },
  expr: {
    type: 'ratio',
    window: '30s',
    threshold: 0.2,
    by: ['gen_ai.tool.name'],
    numerator: {
      metric: 'mcp.server.operation.duration',
      field: 'count',
      unit: 's',
      attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'flaky_fetch', 'error.type': { op: '!=', value: '' } },
    },
    denominator: { metric: 'mcp.server.operation.duration', field: 'count', unit: 's', attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'flaky_fetch' } },
  },
};

/**
 * Health, history and alerts of the demo: `/livez`, `/readyz` and `/health` beside `/metrics`, a
 * 15-minute history at 5 s, and the rule above evaluated every 5 s, printed to stderr.
 */
export const DEMO_OBSERVABILITY: Pick<MetricsConfig, 'health' | 'retention' | 'alerts'> = {
  health: { enabled: true },
  retention: { maxAge: '15m', resolution: '5s' },
  alerts: { evaluationInterval: '5s', notify: [{ type: 'console' }], rules: [FLAKY_TOOL_RULE] },
};
