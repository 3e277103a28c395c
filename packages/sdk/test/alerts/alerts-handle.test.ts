import { ManualClock } from '../../src/clock/manual-clock';
import type { AlertNotification } from '../../src/alerts/notify/notification-types';
import type { MetricsHandle } from '../../src/metrics-handle';
import { startMetrics } from '../../src/start';
import { linesOf } from '../config/helpers';

const T0 = Date.parse('2026-12-03T10:00:00Z');

async function startWithRule(notifications: AlertNotification[], clock: ManualClock): Promise<MetricsHandle> {
  return startMetrics(
    {
      registerGlobal: false,
      exporters: [{ type: 'prometheus', port: 0 }],
      health: { enabled: false },
      retention: { maxAge: '5m', resolution: '15s' },
      alerts: {
        evaluationInterval: '15s',
        group: { interval: '1m' },
        notify: [{ type: 'callback', callback: (notification) => void notifications.push(notification) }],
        rules: [
          {
            name: 'JobErrors',
            severity: 'critical',
            for: '30s',
            labels: { team: 'jobs' },
            annotations: { summary: '{{ $labels.queue }}: {{ $value }} errors/s' },
            expr: { type: 'rate', metric: 'jobs.errors', window: '1m', by: ['queue'], threshold: 0.5 },
          },
        ],
      },
    },
    { env: {}, clock },
  );
}

describe('handle.alerts (startMetrics, injected clock)', () => {
  let handle: MetricsHandle | undefined;
  afterEach(async () => {
    await handle?.shutdown();
    handle = undefined;
  });

  it('evaluates a rule over the history every interval: pending, firing after `for`, notified once, resolved', async () => {
    const clock = new ManualClock(T0);
    const notifications: AlertNotification[] = [];
    handle = await startWithRule(notifications, clock);
    const errors = handle.counter('jobs.errors', { queue: 'mail' });
    const tick = async (perSecond: number) => {
      // 2/s: the rate over 1m is about 1/s from the second collection on (0.5 would not exceed 0.5)
      errors.add(perSecond * 15);
      await clock.advance(15_000);
    };
    await tick(2);
    await tick(2);
    expect(handle.alerts.list()).toMatchObject([{ rule: 'JobErrors', state: 'pending', labels: { alertname: 'JobErrors', queue: 'mail', severity: 'critical', team: 'jobs' } }]);
    await tick(2);
    await tick(2);
    const [firing] = handle.alerts.list();
    expect(firing).toMatchObject({ state: 'firing', firedAt: T0 + 60_000, activeAt: T0 + 30_000 });
    expect(firing!.annotations.summary).toMatch(/^mail: [\d.]+ errors\/s$/);
    await handle.alerts.flush();
    expect(notifications.map((n) => [n.status, n.receiver, n.alerts.map((a) => a.labels.queue)])).toEqual([['firing', 'callback', ['mail']]]);
    for (let i = 0; i < 6; i++) await tick(0);
    await handle.alerts.flush();
    expect(handle.alerts.list()).toMatchObject([{ state: 'resolved' }]);
    expect(notifications.map((n) => n.status)).toEqual(['firing', 'resolved']);
    expect(handle.history.stats()).toMatchObject({ collections: 10, pointsPerSeries: 21 });
  });

  it('silences: alerts stay listed, marked silenced, and are not notified until the silence ends', async () => {
    const clock = new ManualClock(T0);
    const notifications: AlertNotification[] = [];
    handle = await startWithRule(notifications, clock);
    const silence = handle.alerts.silence({ matchers: { alertname: 'JobErrors' }, duration: '2m', comment: 'maintenance' });
    expect(handle.alerts.silences()).toEqual([{ id: silence.id, matchers: { alertname: 'JobErrors' }, startsAt: T0, endsAt: T0 + 120_000, comment: 'maintenance' }]);
    for (let i = 0; i < 6; i++) {
      handle.counter('jobs.errors', { queue: 'mail' }).add(30);
      await clock.advance(15_000);
    }
    await handle.alerts.flush();
    expect(handle.alerts.list()).toMatchObject([{ state: 'firing', silenced: true }]);
    expect(notifications).toEqual([]);
    for (let i = 0; i < 4; i++) {
      handle.counter('jobs.errors', { queue: 'mail' }).add(30);
      await clock.advance(15_000);
    }
    await handle.alerts.flush();
    expect(handle.alerts.silences()).toEqual([]);
    expect(notifications.map((n) => n.status)).toEqual(['firing']);
  });

  it('counts notifications per channel and outcome, and firing alerts per rule, as metrics', async () => {
    const clock = new ManualClock(T0);
    handle = await startWithRule([], clock);
    for (let i = 0; i < 5; i++) {
      handle.counter('jobs.errors', { queue: 'mail' }).add(30);
      await clock.advance(15_000);
    }
    await handle.alerts.flush();
    const text = await (await fetch(handle.endpoints.prometheus!)).text();
    expect(text).toContain('mcp_otel_alerts_notifications_total{mcp_otel_alerts_channel="callback",mcp_otel_alerts_outcome="sent",otel_scope_name="@mcp-otel/sdk/alerts"} 1');
    expect(text).toContain('mcp_otel_alerts_firing{alertname="JobErrors",otel_scope_name="@mcp-otel/sdk/alerts"} 1');
  });

  it('writes the same rule for Prometheus', async () => {
    const clock = new ManualClock(T0);
    handle = await startWithRule([], clock);
    // Names carry units by default: the unit of a host metric is known once the history has seen it.
    expect(handle.alerts.toPrometheusRules().problems).toEqual([
      { rule: 'JobErrors', problems: ['the unit of metric "jobs.errors" is not known, and Prometheus names carry units: add unit (e.g. "s") to the selector'] },
    ]);
    handle.counter('jobs.errors', { queue: 'mail' }).add(1);
    await clock.advance(15_000);
    const { yaml, problems } = handle.alerts.toPrometheusRules();
    expect(problems).toEqual([]);
    expect(yaml).toBe(
      [
        'groups:',
        '  - name: mcp-otel',
        '    interval: 15s',
        '    rules:',
        '      - alert: JobErrors',
        '        expr: sum by (queue) (rate(jobs_errors_total[1m])) > 0.5',
        '        for: 30s',
        '        labels:',
        '          severity: critical',
        '          team: jobs',
        '        annotations:',
        "          summary: '{{ $labels.queue }}: {{ $value }} errors/s'",
        '',
      ].join('\n'),
    );
  });
});

describe('alerts config validation', () => {
  const rule = { name: 'R', severity: 'warning', expr: { type: 'rate' as const, metric: 'x', window: '20s', threshold: 1 } };

  it('names the field, the value and the fix', () => {
    expect(linesOf({ config: { retention: { maxAge: '1m', resolution: '15s' }, alerts: { rules: [rule, { ...rule, expr: { ...rule.expr, window: '5m' } }] } } })).toEqual([
      'alerts.rules[0].expr.window: the window must hold two history points (2 × resolution 15000 ms), or the rule never sees data; widen the window or lower retention.resolution',
      'alerts.rules[1].name: rule name "R" is already used by rules[0]; give each rule its own name',
      'alerts.rules[1].expr.window: the history does not reach that far back; raise retention.maxAge or shorten the window',
    ]);
    expect(linesOf({ config: { alerts: { rules: [{ ...rule, name: '1bad', expr: { ...rule.expr, window: '1m', type: 'rates' as never } }] } } })).toEqual([
      'alerts.rules[0].name: got "1bad", expected an alert name (letters, digits, _ and :, not starting with a digit)',
      'alerts.rules[0].expr.type: got "rates", expected "value", "rate", "increase", "ratio", "quantile", "avg_over_time", "max_over_time" or "absent"; did you mean "rate"?',
    ]);
    expect(linesOf({ config: { alerts: { rules: [{ ...rule, labels: { severity: 'x' }, expr: { ...rule.expr, window: '1m' } }] } } })).toEqual([
      'alerts.rules[0].labels.severity: "severity" cannot be set in labels: set the rule\'s "severity" field instead',
    ]);
  });

  it('never echoes a webhook secret or header value', () => {
    const lines = linesOf({ config: { alerts: { rules: [{ ...rule, expr: { ...rule.expr, window: '1m' } }], notify: [{ type: 'webhook', url: 'https://h.example/x', secret: '', headers: { authorization: 'Bearer sec\u0001ret' } }] } } });
    expect(lines).toEqual([
      'alerts.notify[0].headers.authorization: got "[REDACTED]", expected a header value without control characters',
      'alerts.notify[0].secret: got "[REDACTED]", expected a non-empty secret',
    ]);
  });

  it('leaves out what cannot work when not strict, as problems, and runs the rest', async () => {
    const good = { name: 'Good', severity: 'info', expr: { type: 'value' as const, metric: 'x', unit: '', threshold: 1 } };
    const handle = await startMetrics(
      {
        registerGlobal: false,
        exporters: [{ type: 'prometheus', port: 0 }],
        health: { port: 0, exporters: { enabled: false }, eventLoopDelay: { enabled: false }, heap: { enabled: false } },
        retention: { maxAge: '1m' },
        alerts: { notify: [], rules: [good, { ...good, name: 'Short', expr: { type: 'rate', metric: 'x', window: '10s', threshold: 1 } }] },
      },
      { env: {}, clock: new ManualClock(T0) },
    );
    try {
      expect(handle.problems.map((problem) => problem.where)).toEqual(['alerts.rules[1].expr.window']);
      expect(handle.config.alerts!.rules.map((rule) => rule.name)).toEqual(['Good']);
      expect(handle.alerts.toPrometheusRules().file.groups[0]!.rules.map((rule) => rule.alert)).toEqual(['Good']);
    } finally {
      await handle.shutdown();
    }
  });

  it('rejects in strict mode', async () => {
    const rule = { name: 'R', severity: 'info', expr: { type: 'rate' as const, metric: 'x', window: '10s', threshold: 1 } };
    await expect(startMetrics({ strict: true, registerGlobal: false, exporters: [], alerts: { rules: [rule, rule] } }, { env: {} })).rejects.toThrow('rule name "R" is already used by rules[0]');
  });
});

