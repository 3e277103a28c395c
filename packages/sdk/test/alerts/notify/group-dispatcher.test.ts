import { GroupDispatcher } from '../../../src/alerts/notify/group-dispatcher';
import type { DispatchedAlert } from '../../../src/alerts/notify/group-dispatcher';
import { fingerprint } from '../../../src/alerts/label-set';

const M = 60_000;
const alert = (labels: Record<string, string>, firing = true, startsAt = 0, endsAt?: number): DispatchedAlert => ({
  fingerprint: fingerprint(labels),
  labels,
  annotations: { summary: `about ${labels.tool ?? 'it'}` },
  firing,
  startsAt,
  endsAt,
  generatorURL: '',
});
const a = { alertname: 'ToolErrors', tool: 'a', severity: 'warning' };
const b = { alertname: 'ToolErrors', tool: 'b', severity: 'warning' };

describe('GroupDispatcher (Alertmanager grouping)', () => {
  const dispatcher = () => new GroupDispatcher({ by: ['alertname'], waitMs: 30_000, intervalMs: 5 * M, repeatIntervalMs: 60 * M });

  it('waits group_wait, then sends one notification for the whole group with common labels', () => {
    const d = dispatcher();
    expect(d.update([alert(a)], 0)).toEqual([]);
    const [first] = d.update([alert(a), alert(b)], 30_000);
    expect(first).toMatchObject({
      version: '4',
      status: 'firing',
      groupKey: '{}:{alertname="ToolErrors"}',
      groupLabels: { alertname: 'ToolErrors' },
      commonLabels: { alertname: 'ToolErrors', severity: 'warning' },
      commonAnnotations: {},
      truncatedAlerts: 0,
    });
    expect(first!.alerts.map((x) => [x.labels.tool, x.status, x.endsAt])).toEqual([['a', 'firing', '0001-01-01T00:00:00Z'], ['b', 'firing', '0001-01-01T00:00:00Z']]);
  });

  it('does not flood when a rule flaps: at most one notification per group interval, and none when nothing changed', () => {
    const d = dispatcher();
    d.update([alert(a)], 0);
    expect(d.update([alert(a)], 30_000)).toHaveLength(1);
    let sent = 0;
    for (let t = 45_000; t < 30_000 + 5 * M; t += 15_000) {
      const flapping = (t / 15_000) % 2 === 0 ? [alert(a, false, 0, t)] : [alert(a)];
      sent += d.update(flapping, t).length;
    }
    expect(sent).toBe(0);
    expect(d.update([alert(a)], 30_000 + 5 * M)).toHaveLength(0); // same firing set: nothing new
    expect(d.update([alert(a), alert(b)], 30_000 + 10 * M)).toHaveLength(1); // a new alert
  });

  it('repeats an unchanged firing group after repeat_interval', () => {
    const d = dispatcher();
    d.update([alert(a)], 0);
    d.update([alert(a)], 30_000);
    const sends = [];
    for (let t = 30_000 + 5 * M; t <= 30_000 + 65 * M; t += 5 * M) sends.push(d.update([alert(a)], t).length);
    expect(sends.join('')).toBe('000000000001'.padStart(sends.length, '0'));
  });

  it('sends the resolution, then forgets the group', () => {
    const d = dispatcher();
    d.update([alert(a)], 0);
    d.update([alert(a)], 30_000);
    const [resolved] = d.update([alert(a, false, 0, 60_000)], 30_000 + 5 * M);
    expect(resolved).toMatchObject({ status: 'resolved', alerts: [{ status: 'resolved', endsAt: '1970-01-01T00:01:00.000Z' }] });
    expect(d.update([alert(a, false, 0, 60_000)], 30_000 + 10 * M)).toEqual([]);
    expect(d.update([alert(a)], 30_000 + 11 * M)).toEqual([]); // a new group waits group_wait again
  });

  it('never notifies a group whose alerts all resolved before anyone was told', () => {
    const d = dispatcher();
    d.update([alert(a)], 0);
    expect(d.update([alert(a, false, 0, 15_000)], 30_000)).toEqual([]);
  });

  it('groups by every label with "..."', () => {
    const d = new GroupDispatcher({ by: ['...'], waitMs: 0, intervalMs: M, repeatIntervalMs: 60 * M });
    expect(d.update([alert(a), alert(b)], 0)).toHaveLength(2);
  });
});
