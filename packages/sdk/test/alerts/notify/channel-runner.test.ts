import { diag, DiagLogLevel } from '@opentelemetry/api';
import type { Counter, DiagLogger } from '@opentelemetry/api';
import { ChannelRunner } from '../../../src/alerts/notify/channel-runner';

function capture(): { warnings: string[]; restore: () => void } {
  const warnings: string[] = [];
  const logger: DiagLogger = { error: () => undefined, warn: (message) => void warnings.push(message), info: () => undefined, debug: () => undefined, verbose: () => undefined };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return { warnings, restore: () => diag.disable() };
}

describe('ChannelRunner', () => {
  it('keeps a hung channel from delaying another, and bounds its queue', async () => {
    const delivered: number[] = [];
    const hung = new ChannelRunner({ name: 'hung', deliver: () => new Promise<void>(() => undefined) }, { maxQueue: 3 });
    const fine = new ChannelRunner({
      name: 'fine',
      deliver: (n: number) => {
        delivered.push(n);
        return Promise.resolve();
      },
    });
    for (let n = 0; n < 10; n++) {
      hung.enqueue(n);
      fine.enqueue(n);
    }
    await fine.idle();
    expect(delivered).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('counts outcomes, and warns once per failure streak and once on recovery', async () => {
    const { warnings, restore } = capture();
    try {
      const counts: string[] = [];
      const outcomes = { add: (_: number, attributes?: Record<string, unknown>) => void counts.push(String(attributes?.['mcp_otel.alerts.outcome'])) };
      let fail = true;
      const runner = new ChannelRunner<number>(
        { name: 'flaky', deliver: () => (fail ? Promise.reject(new Error('HTTP 500')) : Promise.resolve()) },
        { maxQueue: 2, outcomes: outcomes as unknown as Counter },
      );
      for (let n = 0; n < 4; n++) runner.enqueue(n); // 0 is under way, 1 is dropped for 3
      await runner.idle();
      expect(runner.failureStreak).toBe(3);
      fail = false;
      runner.enqueue(4);
      await runner.idle();
      expect(counts.sort()).toEqual(['dropped', 'failed', 'failed', 'failed', 'sent']);
      expect(warnings).toEqual([
        'mcp-otel: alert channel flaky failed to deliver a notification; further failures are counted, not logged',
        'mcp-otel: alert channel flaky delivers again after 3 failed notification(s)',
      ]);
    } finally {
      restore();
    }
  });
});
