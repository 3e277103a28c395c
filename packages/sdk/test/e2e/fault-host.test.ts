import { spawn } from 'node:child_process';
import path from 'node:path';
import { startFaultPeer } from '../peers/fault-peer.js';
import type { FaultPeer } from '../peers/fault-peer.js';
import { freePort } from '../peers/free-port.js';
import { REPO_ROOT } from '../peers/peer-paths.js';

// Issue 10 item 9, in a real process (jest cannot offer real unhandled-rejection listeners): every
// push exporter failing at once, for hundreds of intervals (OTLP hanging, OTLP resetting, StatsD on
// a closed port, a file in a directory nobody may write in), plus an observable callback that throws
// and one that never answers. The host keeps recording and serving /metrics, nothing goes unhandled,
// stdout stays empty, stderr says each problem once, and the heap stays flat.
const DIST = path.join(REPO_ROOT, 'packages/sdk/dist/index.js');
const TIMEOUT = 90_000;

const HOST = `
const { startMetrics } = require(process.env.SDK_DIST);
const problems = [];
process.on('unhandledRejection', (reason) => problems.push('unhandledRejection: ' + String(reason)));
process.on('uncaughtException', (error) => problems.push('uncaughtException: ' + String(error)));
const collectGarbage = globalThis.gc;
(async () => {
  const handle = await startMetrics({
    serviceName: 'fault-host',
    collectionInterval: 10,
    shutdownTimeout: '1s',
    exporters: [
      { type: 'prometheus', port: 0, scrapeTimeout: 200 },
      { type: 'otlp', endpoint: process.env.HANG_URL, timeout: 8 },
      { type: 'otlp', protocol: 'http/json', endpoint: process.env.RESET_URL, timeout: 8 },
      { type: 'statsd', port: Number(process.env.CLOSED_PORT) },
      { type: 'statsd', protocol: 'tcp', port: Number(process.env.CLOSED_PORT) },
      { type: 'file', path: '/sys/mcp-otel-fault-test.jsonl' },
    ],
  }, { env: {} });
  const meter = handle.meter('fault-host');
  meter.createObservableGauge('fault.throws').addCallback(() => { throw new Error('callback boom'); });
  meter.createObservableGauge('fault.hangs').addCallback(() => new Promise(() => {}));
  const calls = handle.counter('fault.calls', { tool: 'x' });
  const heap = [];
  const rounds = Number(process.env.ROUNDS);
  for (let round = 1; round <= rounds; round++) {
    for (let i = 0; i < 100; i++) calls.increment();
    handle.histogram('fault.latency').record(round % 7);
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (round === Math.floor(rounds / 3) || round === rounds) { collectGarbage(); collectGarbage(); heap.push(process.memoryUsage().heapUsed); }
  }
  const text = await (await fetch(handle.endpoints.prometheus)).text();
  const served = /^fault_calls_total\\{[^}]*\\} (\\d+)/m.exec(text)?.[1];
  await handle.shutdown();
  process.stderr.write('RESULT ' + JSON.stringify({ problems, heap, served: Number(served) }) + '\\n');
})().catch((error) => problems.push('host: ' + String(error)));
`;

describe('a host whose every push exporter fails, for hundreds of intervals', () => {
  let hang: FaultPeer | undefined;
  let reset: FaultPeer | undefined;
  afterAll(async () => {
    await hang?.close();
    await reset?.close();
  });

  it('keeps recording and serving, leaves nothing unhandled, writes nothing to stdout, says each problem once, and keeps a flat heap', async () => {
    hang = await startFaultPeer({ kind: 'hang' });
    reset = await startFaultPeer({ kind: 'reset' });
    const rounds = 300;
    const closedPort = await freePort();
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--expose-gc', '-e', HOST], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', SDK_DIST: DIST, HANG_URL: hang!.url, RESET_URL: reset!.url, ROUNDS: String(rounds), CLOSED_PORT: String(closedPort) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const killer = setTimeout(() => child.kill('SIGKILL'), 80_000);
      child.once('error', reject);
      child.once('close', (code) => {
        clearTimeout(killer);
        resolve({ code, stdout, stderr });
      });
    });
    const result = JSON.parse(/RESULT (.*)/.exec(run.stderr)?.[1] ?? 'null') as { problems: string[]; heap: number[]; served: number } | null;
    expect(result).not.toBeNull();
    expect(result!.problems).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(result!.served).toBe(rounds * 100);
    // One third in, then at the end: after hundreds more failed exports the heap has not grown.
    const [third, end] = result!.heap as [number, number];
    expect(end - third).toBeLessThan(4 * 1024 * 1024);
    const reports = run.stderr.split('\n').filter((line) => line.startsWith('[mcp-otel]'));
    // otlp x2, statsd udp + tcp, file, the port-0 line: a handful, never one per interval.
    expect(reports.length).toBeGreaterThanOrEqual(4);
    expect(reports.length).toBeLessThan(12);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, TIMEOUT);
});
