/**
 * Runs one group in a child process (`node --expose-gc bench/dist/run-group.js <group>`), so each
 * group starts with a fresh heap and JIT, and returns the figures it sends back over IPC.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { GroupResult } from './figures.js';

export function runGroupInChild(name: string, quick: boolean): Promise<GroupResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, '..', 'run-group.js'), [name, ...(quick ? ['--quick'] : [])], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: GroupResult | undefined;
    child.on('message', (message) => (result = message as GroupResult));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0 && result !== undefined) resolve(result);
      else reject(new Error(`group "${name}" failed (exit ${code ?? signal ?? '?'}); see its output above`));
    });
  });
}
