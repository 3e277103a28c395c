import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { freePort } from '../peers/free-port.js';
import { REPO_ROOT } from '../peers/peer-paths.js';

// The built SDK in a real Node process, as a host app runs it. With its OTLP peer down or hanging
// it must write nothing to stdout (the MCP stdio wire), let nothing go unhandled (real process
// listeners, which jest cannot offer in-process) and exit on its own once shut down.
const DIST = path.join(REPO_ROOT, 'packages/sdk/dist/index.js');
const TIMEOUT = 60_000;

const HOST = `
const { startMetrics } = require(process.env.SDK_DIST);
const problems = [];
process.on('unhandledRejection', (reason) => problems.push('unhandledRejection: ' + String(reason)));
process.on('uncaughtException', (error) => problems.push('uncaughtException: ' + String(error)));
(async () => {
  if (process.env.PROBE === '1') void Promise.reject(new Error('probe'));
  const handle = await startMetrics({
    serviceName: 'e2e-host',
    exporters: [
      { type: 'prometheus', port: 0 },
      { type: 'otlp', protocol: process.env.PROTOCOL, endpoint: process.env.ENDPOINT, timeout: 1000 },
    ],
  }, { env: {} });
  handle.counter('e2e.host.calls').increment();
  handle.meter('e2e-scope').createHistogram('e2e.host.latency').record(0.2);
  await handle.forceFlush();
  handle.counter('e2e.host.calls').increment();
  await handle.shutdown();
  await new Promise((resolve) => setImmediate(resolve));
  process.stderr.write('RESULT ' + JSON.stringify({ problems }) + '\\n');
})();
`;

interface HostRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  problems: string[] | undefined;
  stderr: string;
}

function runHost(env: Record<string, string>): Promise<HostRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', HOST], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: '', SDK_DIST: DIST, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    // The process must end by itself; this only stops a hung one so that the test reports it.
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      const result = /^RESULT (.*)$/m.exec(stderr)?.[1];
      const problems = result === undefined ? undefined : (JSON.parse(result) as { problems: string[] }).problems;
      resolve({ code, signal, stdout, problems, stderr });
    });
  });
}

describe('a host process running the built SDK with its OTLP peer down', () => {
  let hanging: http.Server | undefined;

  beforeAll(() => {
    if (!existsSync(DIST)) throw new Error(`${DIST} is missing: build first (npx tsc -b; npm test does it)`);
  });
  afterEach(async () => {
    if (hanging === undefined) return;
    hanging.closeAllConnections();
    await new Promise<void>((resolve) => hanging!.close(() => resolve()));
    hanging = undefined;
  });

  it('reports an unhandled rejection when there is one (so the checks below can fail)', async () => {
    const port = await freePort();
    const run = await runHost({ PROBE: '1', PROTOCOL: 'http/protobuf', ENDPOINT: `http://127.0.0.1:${port}/v1/metrics` });
    expect(run.problems).toEqual(['unhandledRejection: Error: probe']);
  }, TIMEOUT);

  it.each(['http/protobuf', 'http/json'])('exits by itself with code 0, nothing on stdout, nothing unhandled: closed port, %s', async (protocol) => {
    const port = await freePort(); // bound, then released: nothing listens there
    const run = await runHost({ PROTOCOL: protocol, ENDPOINT: `http://127.0.0.1:${port}/v1/metrics` });
    // toMatchObject prints the whole run, stderr included, when it fails.
    expect(run).toMatchObject({ code: 0, signal: null, stdout: '', problems: [] });
  }, TIMEOUT);

  it('exits by itself with code 0, nothing on stdout, nothing unhandled: a peer that never answers', async () => {
    hanging = http.createServer(() => {
      // Never answers: the exporter's timeout must end the request.
    });
    await new Promise<void>((resolve) => hanging!.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as AddressInfo;
    const run = await runHost({ PROTOCOL: 'http/protobuf', ENDPOINT: `http://127.0.0.1:${port}/v1/metrics` });
    // toMatchObject prints the whole run, stderr included, when it fails.
    expect(run).toMatchObject({ code: 0, signal: null, stdout: '', problems: [] });
  }, TIMEOUT);
});
