/**
 * Waits for `work`, but no longer than `deadlineMs`: resolves `'done'` when it settles (fulfilled
 * or rejected: shutdown never rejects into the host) and `'timeout'` at the deadline, leaving the
 * work running. The timer is `unref()`-ed so it never keeps a process alive by itself.
 */
export function settleWithin(work: Promise<unknown>, deadlineMs: number): Promise<'done' | 'timeout'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), deadlineMs);
    (timer as { unref?: () => void }).unref?.();
    const finish = (): void => {
      clearTimeout(timer);
      resolve('done');
    };
    work.then(finish, finish);
  });
}
