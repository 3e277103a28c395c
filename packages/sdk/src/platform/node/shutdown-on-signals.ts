/** Signals after which a process is expected to end: flush before it does. */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** What the hooks need from the process; `process` by default, a fake in tests. */
export interface SignalProcess {
  once(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
  listenerCount(signal: NodeJS.Signals): number;
  kill(pid: number, signal: NodeJS.Signals): unknown;
  readonly pid: number;
}

/**
 * Calls `shutdown` on SIGTERM/SIGINT. Adding a listener cancels Node's default "exit on signal", so
 * when no other listener is left the signal is raised again after shutdown and the process ends as
 * it would have without us; when the host has its own listener, that listener decides. Returns the
 * function that removes the hooks.
 */
export function installShutdownOnSignals(shutdown: () => Promise<void>, target: SignalProcess = process): () => void {
  const listeners = SHUTDOWN_SIGNALS.map((signal) => {
    const listener = () => {
      remove();
      void shutdown().finally(() => {
        if (target.listenerCount(signal) === 0) target.kill(target.pid, signal);
      });
    };
    target.once(signal, listener);
    return [signal, listener] as const;
  });
  const remove = () => {
    for (const [signal, listener] of listeners) target.off(signal, listener);
  };
  return remove;
}
