import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@mcp-otel/cli';
import { describeWithPeer } from '../../sdk/test/peers/describe-with-peer';
import { promtoolRules } from '../../sdk/test/peers/promtool-rules';

const CONFIG = `
alerts:
  evaluationInterval: 30s
  rules:
    - name: FlakyToolErrors
      severity: warning
      for: 30s
      keepFiringFor: 1m
      annotations:
        summary: "{{ $labels.gen_ai_tool_name }} fails {{ $value | humanizePercentage }} of its calls"
      expr:
        type: ratio
        window: 1m
        threshold: 0.2
        by: [gen_ai.tool.name]
        numerator: { metric: mcp.server.operation.duration, field: count, attributes: { error.type: { op: "!=", value: "" } } }
        denominator: { metric: mcp.server.operation.duration, field: count }
    - name: SlowTools
      severity: info
      expr: { type: quantile, metric: mcp.server.operation.duration, quantile: 0.99, window: 5m, threshold: 2, scope: "@mcp-otel/instrumentation/mcp" }
    - name: NoCalls
      severity: critical
      expr: { type: absent, metric: mcp.server.operation.duration, kind: histogram, window: 10m }
`;

describe('mcp-otel rules', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-otel-rules-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the alert rules as a Prometheus rules file, with the names /metrics serves', () => {
    writeFileSync(join(dir, 'mcp-otel.yaml'), CONFIG);
    const output = runCli(['rules', join(dir, 'mcp-otel.yaml')], {});
    expect(output).toMatchObject({ exitCode: 0, stderr: '' });
    expect(output.stdout).toContain('  - name: mcp-otel\n    interval: 30s\n');
    expect(output.stdout).toContain(
      'expr: sum by (gen_ai_tool_name) (rate(mcp_server_operation_duration_seconds_count{error_type!=""}[1m])) / sum by (gen_ai_tool_name) (rate(mcp_server_operation_duration_seconds_count[1m])) > 0.2',
    );
    expect(output.stdout).toContain('for: 30s\n        keep_firing_for: 1m\n');
    expect(output.stdout).toContain('expr: histogram_quantile(0.99, sum by (le) (rate(mcp_server_operation_duration_seconds_bucket{otel_scope_name="@mcp-otel/instrumentation/mcp"}[5m]))) > 2');
    expect(output.stdout).toContain('expr: absent_over_time(mcp_server_operation_duration_seconds_count[10m])');
  });

  it('follows the Prometheus exporter\'s withoutUnits (the names before unit suffixes)', () => {
    writeFileSync(join(dir, 'mcp-otel.yaml'), `exporters:\n  - type: prometheus\n    withoutUnits: true\n${CONFIG}`);
    const output = runCli(['rules', join(dir, 'mcp-otel.yaml')], {});
    expect(output).toMatchObject({ exitCode: 0, stderr: '' });
    expect(output.stdout).toContain('expr: absent_over_time(mcp_server_operation_duration_count[10m])');
    expect(output.stdout).not.toContain('_seconds');
  });

  it('reports a rule PromQL cannot hold, and a config without rules, exit 1', () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ alerts: { rules: [{ name: 'Lookahead', severity: 'info', expr: { type: 'value', metric: 'queue.depth', unit: '{job}', attributes: { queue: { op: '=~', value: '(?=j)jobs' } }, threshold: 1 } }] } }));
    const bad = runCli(['rules', join(dir, 'bad.json')], {});
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toBe('1 rule problem(s), left out of the file:\n  - Lookahead: the regular expression of attribute "queue" uses lookaround ((?=, (?!, (?<=, (?<!), which Prometheus (RE2) does not support\n');
    expect(bad.stdout).toContain('rules: []');
    writeFileSync(join(dir, 'none.json'), '{}');
    expect(runCli(['rules', join(dir, 'none.json')], {})).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('the config has no alert rules') });
    expect(runCli(['rules', 'a', 'b'], {})).toMatchObject({ exitCode: 2 });
  });
});

describeWithPeer('prometheus', 'mcp-otel rules output in promtool', () => {
  it('passes promtool check rules (bin run as a user runs it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-otel-rules-'));
    try {
      writeFileSync(join(dir, 'mcp-otel.yaml'), CONFIG);
      const bin = join(__dirname, '..', 'dist', 'cli.js');
      if (!existsSync(bin)) throw new Error(`${bin} is missing: run "npm run build" first (npm test does it)`);
      const result = spawnSync(process.execPath, [bin, 'rules', join(dir, 'mcp-otel.yaml')], { encoding: 'utf8', env: {} });
      expect(result.status).toBe(0);
      const check = await promtoolRules(['check', 'rules', 'rules.yml'], { 'rules.yml': result.stdout });
      expect(check).toEqual({ exitCode: 0, output: expect.stringContaining('SUCCESS: 3 rules found') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
