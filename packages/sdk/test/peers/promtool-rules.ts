import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assertPeerInstalled, peerPaths } from './peer-paths.js';

/** What promtool said. */
export interface PromtoolRun {
  exitCode: number;
  output: string;
}

/**
 * Runs the real `promtool` (Prometheus 2.42) on files written into a temporary folder:
 * `promtoolRules(['check', 'rules', 'rules.yml'], { 'rules.yml': text })`.
 */
export async function promtoolRules(args: string[], files: Record<string, string>): Promise<PromtoolRun> {
  assertPeerInstalled('prometheus');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-otel-promtool-'));
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    const child = spawn(peerPaths.promtool, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code ?? -1));
    });
    return { exitCode, output: output.trim() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
