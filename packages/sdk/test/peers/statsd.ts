import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import type { Socket as UdpSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';
import { pollUntil } from './poll.js';

/** Aggregates of one timer in one flush, as the Etsy daemon computes them. */
export interface StatsdTimerData {
  count: number;
  sum: number;
  mean: number;
  upper: number;
  lower: number;
  [key: string]: unknown;
}

/** One flush of the daemon, as the JSON backend (`statsd-json-backend.js`) wrote it. */
export interface StatsdFlush {
  ts: number;
  counters: Record<string, number>;
  gauges: Record<string, number>;
  timers: Record<string, number[]>;
  timer_counters: Record<string, number>;
  timer_data: Record<string, StatsdTimerData>;
  sets: Record<string, string[]>;
}

/** A running Etsy statsd daemon (npm `statsd` 0.9.0) on 127.0.0.1. */
export interface StatsdPeer {
  /** The port it receives metrics on (UDP or TCP). */
  readonly port: number;
  readonly protocol: 'udp' | 'tcp';
  /** Every flush so far, oldest first. */
  flushes(): StatsdFlush[];
  /** A counter's total over all flushes (the daemon resets counters at each flush). */
  counterTotal(key: string): number;
  /** The gauge's value in the latest flush that has it. */
  gauge(key: string): number | undefined;
  /** Every timer value of `key` over all flushes, and the summed `count` (sample rates applied). */
  timer(key: string): { values: number[]; count: number };
  /** Raw packets the daemon received, forwarded byte for byte by its `repeater` backend (UDP only). */
  packets(): Buffer[];
  /** Polls (flushes happen every `flushIntervalMs`) until `check` returns a value. */
  waitFor<T>(what: string, check: (peer: StatsdPeer) => T | undefined, timeoutMs?: number): Promise<T>;
  /** The end of the daemon's log (it logs every line received: `dumpMessages`). */
  logTail(): string;
  /** Kills the daemon by PID, closes the repeater socket, removes its files. Idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link startStatsd}. */
export interface StatsdPeerOptions {
  /** @default 'udp' */
  protocol?: 'udp' | 'tcp';
  /** A fixed port (e.g. one a test kept closed until now). @default a free port */
  port?: number;
  /** @default 200 */
  flushIntervalMs?: number;
}

const STATS_JS = require.resolve('statsd/stats.js');
const JSON_BACKEND = path.join(__dirname, 'statsd-json-backend.js');
/** The readiness probe line (UDP): filtered out of `packets()`; counters ignore its key. */
export const STATSD_PROBE_KEY = 'mcp_otel_peer_probe';

/**
 * Starts the Etsy statsd daemon with the JSON flush backend and, for UDP, the repeater backend
 * pointed at a socket of this helper. Resolves once the daemon takes metrics.
 *
 * @example
 * ```ts
 * const statsd = await startStatsd();
 * // ... export to 127.0.0.1:statsd.port ...
 * await statsd.waitFor('3 calls', (p) => (p.counterTotal('calls') === 3 ? true : undefined));
 * await statsd.stop();
 * ```
 */
export async function startStatsd(options: StatsdPeerOptions = {}): Promise<StatsdPeer> {
  const protocol = options.protocol ?? 'udp';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mcp-otel-statsd-'));
  const flushFile = path.join(dir, 'flushes.jsonl');
  const repeater = protocol === 'udp' ? await bindRepeaterTarget() : undefined;
  const port = options.port ?? (await freePort());
  const mgmtPort = await freePort();
  const config = {
    port,
    address: '127.0.0.1',
    mgmt_address: '127.0.0.1',
    mgmt_port: mgmtPort,
    flushInterval: options.flushIntervalMs ?? 200,
    dumpMessages: true,
    automaticConfigReload: false,
    ...(protocol === 'tcp' ? { server: './servers/tcp' } : {}),
    backends: [JSON_BACKEND, ...(repeater ? ['./backends/repeater'] : [])],
    jsonBackend: { file: flushFile },
    ...(repeater ? { repeater: [{ host: '127.0.0.1', port: repeater.port }], repeaterProtocol: 'udp4' } : {}),
  };
  const configFile = path.join(dir, 'statsd.config.js');
  writeFileSync(configFile, JSON.stringify(config));
  // The daemon is a peer, not our code: it runs on the Node it supports (Etsy statsd 0.10 calls
  // util.log, gone in Node 23), which the Node 24 compatibility leg names in MCP_OTEL_PEER_NODE.
  const node = process.env.MCP_OTEL_PEER_NODE ?? process.execPath;
  const child = spawn(node, [STATS_JS, configFile], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-16_384);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitReason = `exited with ${signal ?? `code ${code}`}`;
      resolve();
    });
    child.once('error', (error) => {
      exitReason = `failed to start: ${error.message}`;
      resolve();
    });
  });

  let stopped: Promise<void> | undefined;
  const peer: StatsdPeer = {
    port,
    protocol,
    flushes: () => readFlushes(flushFile),
    counterTotal: (key) => readFlushes(flushFile).reduce((sum, flush) => sum + (flush.counters[key] ?? 0), 0),
    gauge: (key) => {
      const withKey = readFlushes(flushFile).filter((flush) => key in flush.gauges);
      return withKey.length === 0 ? undefined : withKey[withKey.length - 1]!.gauges[key];
    },
    timer: (key) => {
      const flushes = readFlushes(flushFile);
      return {
        values: flushes.flatMap((flush) => flush.timers[key] ?? []),
        count: flushes.reduce((sum, flush) => sum + (flush.timer_counters[key] ?? 0), 0),
      };
    },
    packets: () => (repeater?.packets ?? []).filter((packet) => !packet.toString('utf8').startsWith(STATSD_PROBE_KEY)),
    waitFor: (what, check, timeoutMs = 15_000) =>
      pollUntil(
        () => {
          if (exitReason !== undefined) throw new Error(`statsd ${exitReason}\n${tail}`);
          return Promise.resolve(check(peer));
        },
        { what: `statsd: ${what}`, timeoutMs, intervalMs: 50 },
      ),
    logTail: () => tail,
    stop: () =>
      (stopped ??= (async () => {
        await stopChild(child, exited);
        repeater?.close();
        rmSync(dir, { recursive: true, force: true });
      })()),
  };

  try {
    await pollUntil(
      async () => {
        if (exitReason !== undefined) throw new Error(`statsd ${exitReason}`);
        if (!(await canConnect(mgmtPort))) return undefined;
        if (protocol === 'tcp') return (await canConnect(port)) ? true : undefined;
        // UDP: a probe forwarded by the repeater proves the daemon reads datagrams.
        repeater!.probe(port);
        return repeater!.packets.some((packet) => packet.toString('utf8').startsWith(STATSD_PROBE_KEY)) ? true : undefined;
      },
      { what: `statsd on 127.0.0.1:${port}`, timeoutMs: 15_000, intervalMs: 50 },
    );
  } catch (error) {
    await peer.stop();
    throw new Error(`statsd did not start: ${error instanceof Error ? error.message : String(error)}\n--- statsd log ---\n${tail}`);
  }
  return peer;
}

function readFlushes(file: string): StatsdFlush[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as StatsdFlush);
}

interface RepeaterTarget {
  port: number;
  packets: Buffer[];
  /** Sends the probe line to the daemon's UDP port. */
  probe(port: number): void;
  close(): void;
}

async function bindRepeaterTarget(): Promise<RepeaterTarget> {
  const socket = createSocket('udp4');
  const packets: Buffer[] = [];
  socket.on('message', (message) => packets.push(message));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const prober: UdpSocket = createSocket('udp4');
  prober.on('error', () => undefined); // the daemon may not listen yet: the probe is retried
  return {
    port: socket.address().port,
    packets,
    probe: (port) => prober.send(`${STATSD_PROBE_KEY}:1|c`, port, '127.0.0.1', () => undefined),
    close: () => {
      socket.close();
      prober.close();
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killTimer);
}
