import { dump } from 'js-yaml';
import type { AlertRule } from '../../src/alerts/alert-rule-types';
import { CompiledExpression } from '../../src/alerts/expression/evaluate-expression';
import { promDuration } from '../../src/alerts/expression/promql-text';
import { rulesFromResolvedConfig } from '../../src/alerts/prometheus/to-prometheus-rules';
import { RuleState } from '../../src/alerts/rule-state';
import { normalizeAlerts } from '../../src/config/alerts-normalize';
import { sizedRetention } from '../../src/config/retention-config';
import { HistoryStore } from '../../src/history/history-store';
import { describeWithPeer } from '../peers/describe-with-peer';
import { promtoolRules } from '../peers/promtool-rules';
import { formatNumber, prometheusSamples } from '../support/prometheus-samples';
import { seededRandom } from '../support/seeded-random';
import type { SyntheticMetric } from '../history/collections';
import { collection } from '../history/collections';

/**
 * Every rule kind, evaluated in process (history + Prometheus' alert states) step by step, and the
 * alerts it fired written as `promtool test rules` expectations for the same rule written by
 * `toPrometheusRules`, on the same input series. promtool passing means a real Prometheus 2.42
 * fires exactly the same alerts, with the same labels and annotations, at every evaluation.
 */

const STEP_MS = 15_000;
const STEPS = 48;
const BOUNDS = [0.1, 0.5, 1];

/** The metrics of each step (absent series are left out: the history sees them as stale, Prometheus gets `stale`). */
function scenario(): SyntheticMetric[][] {
  const random = seededRandom(7);
  const steps: SyntheticMetric[][] = [];
  let requestsA = 0;
  let requestsB = 0;
  const calls = { ok: { fast: 0, slow: 0 }, err: { fast: 0, slow: 0 } };
  const latency: Record<'fast' | 'slow', number[]> = { fast: [0, 0, 0, 0], slow: [0, 0, 0, 0] };
  for (let step = 0; step < STEPS; step++) {
    requestsA = step === 25 ? 2 : requestsA + (step >= 10 && step < 22 ? 40 : 3) + Math.floor(random() * 3);
    requestsB += step % 3 === 0 ? 1 : 0;
    for (const tool of ['fast', 'slow'] as const) {
      const failing = tool === 'slow' && step >= 12 && step < 30 && step !== 20;
      calls.ok[tool] += 4 + Math.floor(random() * 4);
      calls.err[tool] += failing ? 3 + Math.floor(random() * 3) : Math.floor(random() * 1.2);
      const slowPhase = tool === 'slow' && step >= 15 && step < 35;
      const add = slowPhase ? [1, 2, 6, 3] : [6, 1, 0, 0];
      latency[tool] = latency[tool].map((count, index) => count + add[index]!);
    }
    const depth = (queue: string) => (queue === 'jobs' ? (step >= 8 && step < 30 && step % 9 !== 4 ? 15 : 3) : step >= 20 ? 12 : 1);
    const metrics: SyntheticMetric[] = [
      { name: 'queue.depth', kind: 'gauge', points: ['jobs', 'mail'].map((queue) => ({ attributes: { queue }, value: depth(queue) })) },
      { name: 'http.requests', kind: 'counter', points: [{ attributes: { route: 'a' }, value: requestsA }, { attributes: { route: 'b' }, value: requestsB }] },
      {
        name: 'tool.calls',
        kind: 'histogram',
        scope: 'mcp',
        points: (['fast', 'slow'] as const).flatMap((tool) => [
          { attributes: { tool }, histogram: { bounds: BOUNDS, counts: [calls.ok[tool], 0, 0, 0], sum: calls.ok[tool] / 100 } },
          { attributes: { tool, 'error.type': 'tool_error' }, histogram: { bounds: BOUNDS, counts: [calls.err[tool], 0, 0, 0], sum: calls.err[tool] / 100 } },
        ]),
      },
      { name: 'tool.latency', kind: 'histogram', points: (['fast', 'slow'] as const).map((tool) => ({ attributes: { tool }, histogram: { bounds: BOUNDS, counts: [...latency[tool]], sum: 1 } })) },
    ];
    if (step < 20 || step >= 30) metrics.push({ name: 'worker.heartbeat', kind: 'gauge', points: [{ attributes: { worker: 'w1' }, value: step }] });
    if (step < 16 || step >= 40) metrics.push({ name: 'cache.hits', kind: 'counter', points: [{ attributes: {}, value: step * 2 }] });
    steps.push(metrics);
  }
  return steps;
}

const RULES: AlertRule[] = [
  { name: 'QueueDeep', severity: 'warning', for: '30s', expr: { type: 'value', metric: 'queue.depth', by: ['queue'], threshold: 10 }, annotations: { summary: '{{ $labels.queue }} holds {{ $value }} jobs' } },
  { name: 'QueueDeepSticky', severity: 'info', keepFiringFor: '1m', expr: { type: 'value', metric: 'queue.depth', attributes: { queue: 'jobs' }, aggregate: 'max', threshold: 10 } },
  { name: 'RequestRateHigh', severity: 'critical', for: '1m', labels: { team: 'web' }, expr: { type: 'rate', metric: 'http.requests', window: '1m', by: ['route'], threshold: 1.5 }, annotations: { summary: 'rate {{ $value }} on {{ $labels.route }}' } },
  { name: 'RequestsIncrease', severity: 'info', expr: { type: 'increase', metric: 'http.requests', attributes: { route: { op: '=~', value: 'a|c' } }, window: '2m', op: '>=', threshold: 100 } },
  {
    name: 'ToolErrorRatio',
    severity: 'warning',
    for: '30s',
    keepFiringFor: '30s',
    expr: {
      type: 'ratio',
      numerator: { metric: 'tool.calls', field: 'count', scope: 'mcp', attributes: { 'error.type': { op: '!=', value: '' } } },
      denominator: { metric: 'tool.calls', field: 'count', scope: 'mcp' },
      window: '1m',
      by: ['tool'],
      threshold: 0.2,
    },
    annotations: { summary: '{{ $labels.tool }} fails {{ $value | humanizePercentage }} of calls' },
  },
  { name: 'ToolCallsSum', severity: 'info', expr: { type: 'rate', metric: 'tool.calls', field: 'sum', window: '45s', threshold: 0.011 } },
  { name: 'LatencyP90', severity: 'warning', expr: { type: 'quantile', metric: 'tool.latency', quantile: 0.9, window: '1m', by: ['tool'], threshold: 0.4 }, annotations: { summary: 'p90 {{ $value }}' } },
  { name: 'QueueAvgHigh', severity: 'info', expr: { type: 'avg_over_time', metric: 'queue.depth', window: '2m', by: ['queue'], threshold: 8 } },
  { name: 'QueueMaxHigh', severity: 'info', for: '15s', expr: { type: 'max_over_time', metric: 'queue.depth', window: '1m', threshold: 14, op: '>=' } },
  { name: 'HeartbeatMissing', severity: 'critical', expr: { type: 'absent', metric: 'worker.heartbeat', attributes: { worker: 'w1' } } },
  { name: 'CacheSilent', severity: 'warning', for: '15s', expr: { type: 'absent', metric: 'cache.hits', kind: 'counter', window: '1m' } },
];

/** Series in promtool's notation: one value per step, `stale` where the series went away, `_` after. */
function inputSeries(steps: SyntheticMetric[][]): Array<{ series: string; values: string }> {
  const bySeries = new Map<string, Array<number | undefined>>();
  steps.forEach((metrics, step) => {
    for (const metric of metrics) {
      for (const sample of prometheusSamples(metric, true)) {
        let values = bySeries.get(sample.series);
        if (values === undefined) bySeries.set(sample.series, (values = new Array<number | undefined>(STEPS).fill(undefined)));
        values[step] = sample.value;
      }
    }
  });
  return [...bySeries].map(([series, values]) => ({
    series,
    values: values.map((value, step) => (value !== undefined ? formatNumber(value) : step > 0 && values[step - 1] !== undefined ? 'stale' : '_')).join(' '),
  }));
}

describeWithPeer('prometheus', 'alert rules: in-process evaluation against promtool test rules (Prometheus 2.42)', () => {
  it('fires the same alerts, with the same labels and annotations, at every evaluation, for every rule kind', async () => {
    const steps = scenario();
    const history = sizedRetention(10 * 60_000, STEP_MS, 1000);
    const alerts = normalizeAlerts({ rules: RULES, evaluationInterval: '15s' }, history);
    const store = new HistoryStore({ capacity: history.pointsPerSeries, maxSeries: 1000 });
    const rules = alerts.rules.map((rule) => ({
      rule,
      expression: new CompiledExpression(rule.expr),
      state: new RuleState({ name: rule.name, labels: { ...rule.labels, severity: rule.severity }, annotations: rule.annotations, holdMs: rule.forMs, keepFiringForMs: rule.keepFiringForMs }),
    }));

    const alertRuleTests: unknown[] = [];
    const firedRules = new Set<string>();
    steps.forEach((metrics, step) => {
      const at = step * STEP_MS;
      expect(store.ingest(collection(metrics), at)).toBe(true);
      for (const { rule, expression, state } of rules) {
        state.apply(expression.evaluate(store, at), at);
        const firing = state.alerts().filter((alert) => alert.state === 'firing');
        if (firing.length > 0) firedRules.add(rule.name);
        alertRuleTests.push({
          eval_time: promDuration(at),
          alertname: rule.name,
          exp_alerts: firing.map((alert) => {
            const { alertname: _alertname, ...labels } = alert.labels;
            return { exp_labels: labels, exp_annotations: alert.annotations };
          }),
        });
      }
    });
    // A rule that never fires would prove little: every rule must fire at some point of the scenario.
    expect([...firedRules].sort()).toEqual(RULES.map((rule) => rule.name).sort());

    // The input series are named without unit suffixes (test/support/prometheus-samples.ts), and so are the rules.
    const rulesFile = rulesFromResolvedConfig({ alerts, exporters: [] }, { naming: { withoutUnits: true } });
    expect(rulesFile.problems).toEqual([]);
    const check = await promtoolRules(['check', 'rules', 'rules.yml'], { 'rules.yml': rulesFile.yaml });
    expect(check).toMatchObject({ exitCode: 0 });

    const testFile = {
      rule_files: ['rules.yml'],
      evaluation_interval: '15s',
      tests: [{ interval: '15s', input_series: inputSeries(steps), alert_rule_test: alertRuleTests }],
    };
    const result = await promtoolRules(['test', 'rules', 'test.yml'], { 'rules.yml': rulesFile.yaml, 'test.yml': dump(testFile, { lineWidth: -1, noRefs: true }) });
    if (result.exitCode !== 0) throw new Error(`promtool test rules failed:\n${result.output.slice(0, 6000)}\n--- rules ---\n${rulesFile.yaml}`);
    expect(result.output).toContain('SUCCESS');
  }, 60_000);
});
