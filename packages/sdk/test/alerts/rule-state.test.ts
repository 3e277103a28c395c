import { RESOLVED_RETENTION_MS, RuleState } from '../../src/alerts/rule-state';
import type { RuleDefinition } from '../../src/alerts/rule-state';

const S = 15_000;
const rule = (overrides: Partial<RuleDefinition> = {}): RuleDefinition => ({ name: 'R', labels: { severity: 'warning' }, annotations: {}, holdMs: 0, keepFiringForMs: 0, ...overrides });
const hit = [{ labels: { tool: 'a' }, value: 1 }];

/** Applies `pattern` (1: the expression holds, 0: it does not) one evaluation per 15 s; returns the state after each. */
function run(definition: RuleDefinition, pattern: string): string[] {
  const state = new RuleState(definition);
  return [...pattern].map((char, index) => {
    state.apply(char === '1' ? hit : [], index * S);
    const [alert] = state.alerts();
    return alert === undefined ? '-' : alert.state;
  });
}

describe('RuleState (Prometheus alert states)', () => {
  it.each([
    ['fires at the first evaluation without `for`', rule(), '110', ['firing', 'firing', 'inactive']],
    ['is pending until it has held for `for`, then fires', rule({ holdMs: 30_000 }), '11110', ['pending', 'pending', 'firing', 'firing', 'inactive']],
    ['drops a pending alert that stops holding (never fired, nothing resolved)', rule({ holdMs: 30_000 }), '1101', ['pending', 'pending', '-', 'pending']],
    ['restarts `for` after a gap (flapping never fires)', rule({ holdMs: 30_000 }), '1101101', ['pending', 'pending', '-', 'pending', 'pending', '-', 'pending']],
    ['keeps firing for `keepFiringFor` after it stops holding', rule({ keepFiringForMs: 30_000, holdMs: 15_000 }), '110001', ['pending', 'firing', 'firing', 'firing', 'inactive', 'pending']],
    ['restarts `keepFiringFor` when it holds again', rule({ keepFiringForMs: 30_000 }), '1010001', ['firing', 'firing', 'firing', 'firing', 'firing', 'inactive', 'firing']],
    ['a resolved alert that comes back starts over as pending', rule({ holdMs: 15_000 }), '1101', ['pending', 'firing', 'inactive', 'pending']],
  ])('%s', (_name, definition, pattern, expected) => {
    expect(run(definition, pattern)).toEqual(expected);
  });

  it('labels alerts with the result labels, the rule labels (templated) and alertname; annotations templated', () => {
    const state = new RuleState(rule({ labels: { severity: 'critical', team: 'web-{{ $labels.tool }}' }, annotations: { summary: '{{ $labels.tool }} at {{ $value }}' } }));
    state.apply([{ labels: { tool: 'a', __name__: 'x' }, value: 0.25 }], 0);
    expect(state.alerts()[0]).toMatchObject({ labels: { tool: 'a', severity: 'critical', team: 'web-a', alertname: 'R' }, annotations: { summary: 'a at 0.25' }, value: 0.25 });
  });

  it('keeps a resolved alert for 15 minutes, then forgets it', () => {
    const state = new RuleState(rule());
    state.apply(hit, 0);
    state.apply([], S);
    state.apply([], S + RESOLVED_RETENTION_MS);
    expect(state.alerts()).toHaveLength(1);
    state.apply([], S + RESOLVED_RETENTION_MS + 1);
    expect(state.alerts()).toEqual([]);
  });

  it('refuses two results with the same labels, as Prometheus does', () => {
    const state = new RuleState(rule({ labels: { severity: 'x', tool: 'same' } }));
    expect(() => state.apply([{ labels: { tool: 'a' }, value: 1 }, { labels: { tool: 'b' }, value: 1 }], 0)).toThrow('same labels');
  });

  it('sends firing alerts every resend delay with endsAt four intervals ahead, and a resolution once more', () => {
    const state = new RuleState(rule({ holdMs: 15_000 }));
    const sent = (ts: number) => state.toSend(ts, 60_000, 15_000).map((alert) => `${alert.state}:${alert.validUntil}`);
    state.apply(hit, 0);
    expect(sent(0)).toEqual([]); // pending is never sent
    state.apply(hit, S);
    expect(sent(S)).toEqual([`firing:${S + 240_000}`]);
    state.apply(hit, 2 * S);
    expect(sent(2 * S)).toEqual([]);
    state.apply(hit, 5 * S);
    expect(sent(5 * S)).toEqual([]); // exactly one resend delay later: not yet (Prometheus compares strictly)
    state.apply(hit, 6 * S);
    expect(sent(6 * S)).toEqual([`firing:${6 * S + 240_000}`]);
    state.apply([], 7 * S);
    expect(sent(7 * S)).toEqual([`inactive:${7 * S + 240_000}`]);
    expect(sent(8 * S)).toEqual([]);
  });
});
