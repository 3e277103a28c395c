import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `gc` without starting the process with --expose-gc: V8 exposes it to contexts created afterwards.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Runs a full garbage collection. WeakRefs are cleared and FinalizationRegistry callbacks queued
 * only after the current job, so the event loop turns before and after it.
 */
export async function forceGc(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  await new Promise((resolve) => setImmediate(resolve));
}
