import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { startFaultPeer } from '../peers/fault-peer.js';
import type { FaultPeer } from '../peers/fault-peer.js';
import type { OtlpExportRequest } from '../peers/otlp-decoded.js';
import { startOtlpReceiver } from '../peers/otlp-receiver.js';
import type { OtlpReceiver } from '../peers/otlp-receiver.js';
import { REPO_ROOT } from '../peers/peer-paths.js';
import { closedPortUrl } from '../support/capture-server.js';

// Issue 10 items 1, 2 and 10: every clean way a host ends exports the last values, within the
// shutdown deadline, in a real process (the built SDK). The interval is an hour, so only the exit
// path can deliver.
const DIST = path.join(REPO_ROOT, 'packages/sdk/dist/index.js');
const TIMEOUT = 60_000;

const HOST = `
const { startMetrics } = require(process.env.SDK_DIST);
(async () => {
  const handle = await startMetrics({
    serviceName: 'exit-host',
    collectionInterval: '1h',
    shutdownOnSignals: true,
    shutdownTimeout: process.env.SHUTDOWN_TIMEOUT,
    exporters: [
      { type: 'otlp', endpoint: process.env.ENDPOINT, timeout: '30s' },
      { type: 'file', path: process.env.FILE },
    ],
  }, { env: {} });
  const calls = handle.counter('exit.calls');
  let count = 0;
  if (process.env.MODE === 'traffic') {
    // Traffic until SIGTERM ends the process; every 100 calls the count so far goes to stderr.
    setInterval(() => {
      for (let i = 0; i < 10; i++) calls.increment();
      count += 10;
      if (count % 100 === 0) process.stderr.write('count ' + count + '\\n');
    }, 1);
  } else {
    calls.increment(42);
    const started = Date.now();
    await handle.shutdown();
    process.stderr.write('shutdown took ' + (Date.now() - started) + '\\n');
  }
})();
`;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** ms from start to exit */
  ms: number;
}

function runHost(env: Record<string, string>, onStderr: (text: string, child: ReturnType<typeof spawn>) => void = () => undefined): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['-e', HOST], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', SDK_DIST: DIST, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      onStderr(stderr, child);
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function counterValue(request: OtlpExportRequest, name: string): number | undefined {
  for (const resource of request.resourceMetrics) {
    for (const scope of resource.scopeMetrics) {
      const metric = scope.metrics.find((m) => m.name === name);
      const point = metric?.sum?.dataPoints[0];
      if (point !== undefined) return Number(point.asDouble ?? point.asInt);
    }
  }
  return undefined;
}

function lastFileValue(file: string, name: string): number | undefined {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return counterValue(JSON.parse(lines.at(-1)!) as OtlpExportRequest, name);
}

describeWithPeer('otlp-proto', 'exit paths of a real host process', () => {
  let dir = '';
  let receiver: OtlpReceiver | undefined;
  let blackHole: FaultPeer | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mcp-otel-exit-'));
  });
  afterEach(async () => {
    await receiver?.close();
    await blackHole?.close();
    receiver = blackHole = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGTERM mid-traffic: the last counts reach the OTLP receiver and the file, and the signal ends the process', async () => {
    receiver = await startOtlpReceiver();
    const file = path.join(dir, 'metrics.jsonl');
    let atSignal: number | undefined;
    const run = await runHost({ MODE: 'traffic', ENDPOINT: receiver.url, FILE: file, SHUTDOWN_TIMEOUT: '5s' }, (text, child) => {
      const latest = Number([...text.matchAll(/count (\d+)/g)].at(-1)?.[1] ?? 0);
      if (atSignal === undefined && latest >= 500) {
        atSignal = latest;
        child.kill('SIGTERM');
      }
    });
    expect(run.signal).toBe('SIGTERM');
    expect(run.stdout).toBe('');
    const [exported] = await receiver.waitForExports(1, 5_000);
    const value = counterValue(exported!.request, 'exit.calls');
    // Everything counted before the signal arrived (and what came while the final export was made).
    expect(value).toBeGreaterThanOrEqual(atSignal!);
    expect(lastFileValue(file, 'exit.calls')).toBe(value);
  }, TIMEOUT);

  it('shutdown() against a receiver that never answers settles within shutdownTimeout; the file still gets the last values', async () => {
    blackHole = await startFaultPeer({ kind: 'hang' });
    const file = path.join(dir, 'metrics.jsonl');
    const run = await runHost({ MODE: 'shutdown', ENDPOINT: blackHole.url, FILE: file, SHUTDOWN_TIMEOUT: '1s' });
    const took = Number(/shutdown took (\d+)/.exec(run.stderr)?.[1]);
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(3_000);
    expect(run.stderr).toContain('[mcp-otel] warn shutdown did not finish within 1s: the otlp exporter(s) still had not answered');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(lastFileValue(file, 'exit.calls')).toBe(42);
    expect(blackHole.requests).toBe(1);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    // The abandoned request (its own timeout is 30 s) no longer holds the process.
    expect(run.ms).toBeLessThan(10_000);
  }, TIMEOUT);

  it('shutdown() with the receiver down exits without waiting out the retries (they would take 13 s)', async () => {
    const file = path.join(dir, 'metrics.jsonl');
    const run = await runHost({ MODE: 'shutdown', ENDPOINT: await closedPortUrl(), FILE: file, SHUTDOWN_TIMEOUT: '1s' });
    const took = Number(/shutdown took (\d+)/.exec(run.stderr)?.[1]);
    expect(took).toBeLessThan(3_000);
    expect(lastFileValue(file, 'exit.calls')).toBe(42);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    // Refused connections are retried after 1, 1.5, 2.25, 3.4 and 5 s; the waits are let go at the deadline.
    expect(run.ms).toBeLessThan(8_000);
  }, TIMEOUT);
});
