import fs from 'node:fs';
import path from 'node:path';
import { MCP_OTEL_METRIC_UNITS } from '../../src/alerts/prometheus/known-units';
import { toPrometheusRules } from '../../src/alerts/prometheus/to-prometheus-rules';

const DOC = fs.readFileSync(path.join(__dirname, '../../../../docs/metrics.md'), 'utf8');

/** `metric -> unit` of the table under `heading` in docs/metrics.md. */
function unitsOfTable(heading: string): Record<string, string> {
  const lines = DOC.slice(DOC.indexOf(`\n${heading}\n`)).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const table = lines.slice(first, lines.findIndex((line, i) => i > first && !line.startsWith('|')));
  const units: Record<string, string> = {};
  for (const line of table.filter((row) => row.startsWith('| `'))) {
    const [, metric, , unit] = line.split('|').map((cell) => cell.trim().replace(/^`(.*)`$/, '$1'));
    units[metric!] = unit!;
  }
  return units;
}

describe('units of mcp-otel metrics for rule names with units', () => {
  it('are those of docs/metrics.md (instrumentation and Node.js runtime tables)', () => {
    expect(MCP_OTEL_METRIC_UNITS).toEqual({ ...unitsOfTable('## Summary'), ...unitsOfTable('### Runtime summary') });
  });

  it('name the series of a rule on mcp-otel metrics without a unit in the selector', () => {
    const { yaml, problems } = toPrometheusRules({
      alerts: {
        rules: [
          { name: 'Slow', severity: 'warning', expr: { type: 'quantile', metric: 'mcp.server.operation.duration', quantile: 0.95, window: '5m', threshold: 2 } },
          { name: 'Busy', severity: 'info', expr: { type: 'avg_over_time', metric: 'nodejs.eventloop.utilization', window: '5m', threshold: 0.9 } },
        ],
      },
    });
    expect(problems).toEqual([]);
    expect(yaml).toContain('expr: histogram_quantile(0.95, sum by (le) (rate(mcp_server_operation_duration_seconds_bucket[5m]))) > 2');
    expect(yaml).toContain('expr: avg(avg_over_time(nodejs_eventloop_utilization_ratio[5m])) > 0.9');
    const plain = toPrometheusRules({ exporters: [{ type: 'prometheus', withoutUnits: true }], alerts: { rules: [{ name: 'Slow', severity: 'warning', expr: { type: 'quantile', metric: 'mcp.server.operation.duration', quantile: 0.95, window: '5m', threshold: 2 } }] } });
    expect(plain.yaml).toContain('rate(mcp_server_operation_duration_bucket[5m])');
  });
});
