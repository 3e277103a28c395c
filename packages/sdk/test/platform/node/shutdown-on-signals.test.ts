import { EventEmitter } from 'node:events';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installShutdownOnSignals } from '../../../src/platform/node/shutdown-on-signals';
import type { SignalProcess } from '../../../src/platform/node/shutdown-on-signals';
import { REPO_ROOT } from '../../peers/peer-paths';

class FakeProcess extends EventEmitter implements SignalProcess {
  readonly pid = 4242;
  readonly kills: string[] = [];
  kill(_pid: number, signal: NodeJS.Signals): boolean {
    this.kills.push(signal);
    return true;
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('installShutdownOnSignals', () => {
  it('shuts down on SIGTERM, then raises the signal again when nobody else listens', async () => {
    const target = new FakeProcess();
    const shutdown = jest.fn(() => Promise.resolve());
    installShutdownOnSignals(shutdown, target);
    target.emit('SIGTERM');
    await flush();
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(target.kills).toEqual(['SIGTERM']);
    expect(target.listenerCount('SIGINT')).toBe(0); // both hooks are gone after the first signal
  });

  it('leaves exiting to the host when it has its own listener', async () => {
    const target = new FakeProcess();
    const hostListener = jest.fn();
    target.on('SIGINT', hostListener);
    installShutdownOnSignals(() => Promise.resolve(), target);
    target.emit('SIGINT');
    await flush();
    expect(hostListener).toHaveBeenCalled();
    expect(target.kills).toEqual([]);
  });

  it('is removed by the returned function', () => {
    const target = new FakeProcess();
    const remove = installShutdownOnSignals(() => Promise.resolve(), target);
    expect(target.listenerCount('SIGTERM')).toBe(1);
    remove();
    expect(target.listenerCount('SIGTERM') + target.listenerCount('SIGINT')).toBe(0);
  });
});

// A real process: the built SDK with a file exporter whose interval never fires; SIGTERM must
// still leave the counter in the file (the final export of shutdown), and the process must end by
// the signal as it would without the SDK.
describe('shutdownOnSignals in a real process', () => {
  it('writes the final export on SIGTERM and ends by the signal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mcp-otel-signal-'));
    const file = path.join(dir, 'metrics.jsonl');
    const script = `
      const { startMetrics } = require(${JSON.stringify(path.join(REPO_ROOT, 'packages/sdk/dist/index.js'))});
      startMetrics({ shutdownOnSignals: true, collectionInterval: '1h', exporters: [{ type: 'file', path: ${JSON.stringify(file)} }] }, { env: {} })
        .then((handle) => { handle.counter('signal.calls').increment(7); setInterval(() => {}, 1000); process.stderr.write('READY\\n'); });
    `;
    try {
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      await new Promise<void>((resolve) => child.stderr.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve()));
      const ended = new Promise<[number | null, string | null]>((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
      child.kill('SIGTERM');
      expect(await ended).toEqual([null, 'SIGTERM']);
      expect(stdout).toBe('');
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines.at(-1)).toContain('"signal.calls"');
      expect(lines.at(-1)).toMatch(/"asInt":"?7|"asDouble":7/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
