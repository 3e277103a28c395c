import { ManualClock } from '../../src/clock/manual-clock';

describe('ManualClock', () => {
  it('runs due tasks in time order at their due time, periodic ones again, and awaits them', async () => {
    const clock = new ManualClock(1_000);
    const seen: string[] = [];
    clock.every(10, () => seen.push(`every@${clock.now()}`));
    const cancel = clock.after(15, async () => {
      await Promise.resolve();
      seen.push(`after@${clock.now()}`);
    });
    clock.after(25, () => seen.push(`late@${clock.now()}`));
    await clock.advance(20);
    expect(seen).toEqual(['every@1010', 'after@1015', 'every@1020']);
    cancel();
    await clock.advance(10);
    expect(seen).toEqual(['every@1010', 'after@1015', 'every@1020', 'late@1025', 'every@1030']);
    expect(clock.now()).toBe(1_030);
    expect(clock.pending).toBe(1);
  });

  it('keeps going when a task throws (the error goes to diag)', async () => {
    const clock = new ManualClock();
    let runs = 0;
    clock.every(5, () => {
      runs++;
      throw new Error('boom');
    });
    await clock.advance(15);
    expect(runs).toBe(3);
  });
});
