/**
 * Parent side of a case that runs in its own child process (bench/cases/competitors/competitor-child.ts):
 * forks it, waits for its setup (instrumentation registered before the MCP SDK is loaded, side-effect
 * probe over setup and warmup), and drives it over IPC. Timing happens in the child, one batch of
 * its bare baseline pair and one of its instrumented pair per request, so no IPC hop is inside a
 * measured interval; while one process measures, the others wait idle.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { McpFixture, Recorded, RemoteSideEffects } from '../mcp-round-trip.js';
import type { BatchTimes, ChildCaseName, ChildReply, ChildRequest, ChildRequestBody } from './protocol.js';

/** Sends requests to the child and matches the replies by id. */
class ChildChannel {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor(
    private readonly child: ChildProcess,
    private readonly name: string,
  ) {
    child.on('message', (message: ChildReply) => {
      const entry = this.pending.get(message.id);
      if (entry === undefined) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) entry.reject(new Error(`child case "${name}": ${message.error}`));
      else entry.resolve(message.value);
    });
    child.on('exit', (code, signal) => this.failAll(new Error(`child case "${name}" exited (${code ?? signal ?? '?'})`)));
    child.on('error', (error) => this.failAll(error));
  }

  /** Resolves with the reply to the setup the child runs on start (request id 0). */
  ready(): Promise<RemoteSideEffects> {
    return this.wait<RemoteSideEffects>(0);
  }

  request<T>(request: ChildRequestBody): Promise<T> {
    const id = this.nextId++;
    const reply = this.wait<T>(id);
    const message: ChildRequest = { ...request, id };
    this.child.send(message);
    return reply;
  }

  private wait<T>(id: number): Promise<T> {
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  private failAll(error: Error): void {
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }
}

/**
 * Starts `name` in a child process; the fixture's `timeBatch` runs and times the calls there.
 * `records`: the case must record something (its fixture gets `recorded`); false for a reference
 * case that instruments nothing.
 */
export async function startChildCase(name: ChildCaseName, records = true): Promise<McpFixture> {
  // The child's stdout goes to our stderr: the parent's stdout carries the report.
  const child = fork(join(__dirname, 'competitor-child.js'), [name], { stdio: ['ignore', 2, 2, 'ipc'] });
  const channel = new ChildChannel(child, name);
  let sideEffects: RemoteSideEffects;
  try {
    sideEffects = await channel.ready();
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    sideEffects,
    call: () => channel.request({ op: 'call' }),
    timeBatch: (calls, warmup) => channel.request<BatchTimes>({ op: 'time', calls, warmup }),
    ...(records ? { recorded: () => channel.request<Recorded>({ op: 'recorded' }) } : {}),
    close: async () => {
      const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      try {
        await channel.request({ op: 'close' });
      } finally {
        if (child.exitCode === null) child.kill();
        await exited;
      }
    },
  };
}
