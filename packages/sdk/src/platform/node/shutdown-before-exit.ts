/** What the hook needs from the process; `process` by default, a fake in tests. */
export interface ExitProcess {
  once(event: 'beforeExit', listener: () => void): unknown;
  off(event: 'beforeExit', listener: () => void): unknown;
}

/**
 * Calls `shutdown` (the final export of every push exporter) when the event loop runs out of work:
 * Node then emits `beforeExit`, and the process would otherwise end without a flush, since every
 * handle of the SDK is `unref()`-ed. This is how a stdio MCP server ends when its client closes
 * stdin. `process.exit()` and fatal signals skip `beforeExit`; see docs/reliability.md. Returns the
 * function that removes the hook.
 */
export function installShutdownBeforeExit(shutdown: () => Promise<void>, target: ExitProcess = process): () => void {
  const listener = (): void => {
    // The export keeps the loop busy until it ends; then Node emits beforeExit again and, with this
    // listener gone, the process exits.
    void shutdown();
  };
  target.once('beforeExit', listener);
  return () => target.off('beforeExit', listener);
}
