import { fingerprint } from '../../src/alerts/label-set';
import type { MetricsHandle } from '../../src/metrics-handle';
import { startMetrics } from '../../src/start';
import type { AlertmanagerPeer } from '../peers/alertmanager';
import { startAlertmanager } from '../peers/alertmanager';
import { describeWithPeer } from '../peers/describe-with-peer';
import { pollUntil } from '../peers/poll';

describeWithPeer('alertmanager', 'alertmanager channel against a real Alertmanager 0.25', () => {
  let am: AlertmanagerPeer | undefined;
  let handle: MetricsHandle | undefined;
  afterEach(async () => {
    await handle?.shutdown();
    await am?.stop();
  });

  it('posts firing alerts to /api/v2/alerts with the rule labels, and resolves them', async () => {
    am = await startAlertmanager();
    handle = await startMetrics(
      {
        registerGlobal: false,
        exporters: [],
        health: { enabled: false },
        retention: { maxAge: '10s', resolution: '200ms' },
        alerts: {
          evaluationInterval: '200ms',
          resendDelay: '1s',
          notify: [{ type: 'alertmanager', url: am.url }],
          rules: [
            {
              name: 'QueueDeep',
              severity: 'critical',
              labels: { team: 'jobs' },
              annotations: { summary: '{{ $labels.queue }} holds {{ $value }}' },
              expr: { type: 'value', metric: 'queue.depth', by: ['queue'], threshold: 10 },
            },
          ],
        },
      },
      { env: {} },
    );
    const depth = handle.gauge('queue.depth', { queue: 'jobs' });
    depth.set(15);
    const [alert] = await pollUntil(async () => {
      const alerts = await am!.alerts();
      return alerts.length > 0 ? alerts : undefined;
    }, { what: 'the alert in Alertmanager', timeoutMs: 15_000, intervalMs: 100 });
    const labels = { alertname: 'QueueDeep', queue: 'jobs', severity: 'critical', team: 'jobs' };
    expect(alert).toMatchObject({ labels, annotations: { summary: 'jobs holds 15' }, status: { state: 'active' } });
    expect(alert!.fingerprint).toBe(fingerprint(labels));
    expect(handle.alerts.list()).toMatchObject([{ state: 'firing', labels }]);

    depth.set(1);
    await pollUntil(async () => ((await am!.alerts()).length === 0 ? true : undefined), { what: 'the alert resolved in Alertmanager', timeoutMs: 15_000, intervalMs: 100 });
    expect(handle.alerts.list()).toMatchObject([{ state: 'resolved' }]);
  }, 40_000);
});
