import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { withFreePort } from './free-port.js';
import { assertPeerInstalled, peerPaths } from './peer-paths.js';
import { pollUntil } from './poll.js';

/** A running redis-server 7.0 (Debian) on 127.0.0.1, without persistence. */
export interface RedisPeer {
  readonly host: string;
  readonly port: number;
  /** Kills redis-server by PID (SIGTERM, SIGKILL after 5 s); resolves once it exited. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the redis-server that `scripts/install-peers.sh redis` unpacked, on a free port of
 * 127.0.0.1 (`--port 0` would disable TCP in Redis), and waits until it answers PING.
 *
 * @example
 * ```ts
 * const redis = await startRedis();
 * const client = new Redis({ host: redis.host, port: redis.port });
 * await redis.stop();
 * ```
 */
export async function startRedis(): Promise<RedisPeer> {
  assertPeerInstalled('redis');
  const libs = readdirSync(peerPaths.redisLibRoot).map((dir) => path.join(peerPaths.redisLibRoot, dir));
  return withFreePort(async (port) => {
    const child = spawn(peerPaths.redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
      env: { ...process.env, LD_LIBRARY_PATH: [...libs, process.env.LD_LIBRARY_PATH ?? ''].join(':') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8_192)));
    child.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8_192)));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let running: Promise<void> | undefined;
    const stop = () => (running ??= stopChild(child, exited));
    try {
      const state = await pollUntil(
        async () => (child.exitCode !== null || child.signalCode !== null ? 'exited' : (await ping(port)) ? 'ready' : undefined),
        { what: `redis-server on 127.0.0.1:${port}`, timeoutMs: 10_000, intervalMs: 20 },
      );
      if (state === 'exited') throw new Error(`redis-server exited (${String(child.exitCode ?? child.signalCode)})`);
    } catch (error) {
      await stop();
      // Surface "address already in use" so withFreePort retries on another port.
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${log}`);
    }
    return { host: '127.0.0.1', port, stop };
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(500, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) socket.end();
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(reply.startsWith('+PONG')));
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
