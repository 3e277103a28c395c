import { spawn } from 'node:child_process';
import { assertPeerInstalled, peerPaths } from './peer-paths.js';

/** What `promtool check metrics` said: exit 0 clean, 3 lint findings, 1 parse error. */
export interface PromtoolResult {
  exitCode: number;
  /** stdout and stderr together: one finding per line. */
  output: string;
}

/**
 * Runs the real `promtool check metrics` (Prometheus 2.42) on exposition text given on stdin.
 *
 * @example
 * ```ts
 * const { exitCode, output } = await promtoolCheckMetrics(await (await fetch(url)).text());
 * ```
 */
export async function promtoolCheckMetrics(text: string): Promise<PromtoolResult> {
  return promtool(['check', 'metrics'], text);
}

/** Runs `promtool check config <file>` (a prometheus.yml, with the files it names). */
export async function promtoolCheckConfig(file: string): Promise<PromtoolResult> {
  return promtool(['check', 'config', file], '');
}

async function promtool(args: string[], stdin: string): Promise<PromtoolResult> {
  assertPeerInstalled('prometheus');
  const child = spawn(peerPaths.promtool, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? (signal === null ? -1 : 128)));
    child.stdin.end(stdin);
  });
  return { exitCode, output: output.trim() };
}
