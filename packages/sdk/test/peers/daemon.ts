import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { httpRequest } from './http-request.js';
import { pollUntil } from './poll.js';

const LOG_TAIL_BYTES = 8_192;

/** A peer process started by a test. */
export interface Daemon {
  readonly pid: number;
  /** The last few KB the process wrote (stdout and stderr), for error messages. */
  logTail(): string;
  /** SIGTERM by PID, SIGKILL after 5 s; resolves once the process has exited. Idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link startDaemon}. */
export interface DaemonOptions {
  /** Shown in errors. */
  name: string;
  command: string;
  args: string[];
  /** Polled until it answers 2xx. */
  readyUrl: string;
  /** @default 15000 */
  readyTimeoutMs?: number;
  /** Working directory of the process. @default the test's */
  cwd?: string;
}

/**
 * Starts a peer binary and waits until `readyUrl` answers. Rejects (after killing the process) when it
 * exits early or is not ready in time; the message carries the end of its log.
 */
export async function startDaemon(options: DaemonOptions): Promise<Daemon> {
  const child = spawn(options.command, options.args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-LOG_TAIL_BYTES);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`exited with ${signal ?? `code ${code}`}`));
    child.once('error', (error) => resolve(`failed to start: ${error.message}`));
  });
  let exitReason: string | undefined;
  void exited.then((reason) => (exitReason = reason));

  const daemon: Daemon = { pid: child.pid ?? -1, logTail: () => tail, stop: once(() => stopChild(child, exited)) };
  try {
    await pollUntil(
      async () => {
        if (exitReason !== undefined) throw new Error(`${options.name} ${exitReason}`);
        const res = await httpRequest(options.readyUrl, { timeoutMs: 1_000 });
        return res.status >= 200 && res.status < 300 ? true : undefined;
      },
      { what: `${options.name} at ${options.readyUrl}`, timeoutMs: options.readyTimeoutMs ?? 15_000, intervalMs: 50 },
    );
  } catch (error) {
    await daemon.stop();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${options.name} did not become ready: ${exitReason ?? message}\n--- ${options.name} log ---\n${tail}`);
  }
  return daemon;
}

async function stopChild(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killTimer);
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
