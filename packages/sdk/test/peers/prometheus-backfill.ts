import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startDaemon } from './daemon.js';
import { withFreePort } from './free-port.js';
import { getJson } from './http-request.js';
import { assertPeerInstalled, peerPaths } from './peer-paths.js';

/** One sample of an instant query, `NaN` and infinities included. */
export interface BackfillSample {
  metric: Record<string, string>;
  value: number;
}

/** A Prometheus 2.42 serving a TSDB filled with exactly the given samples. */
export interface BackfilledPrometheus {
  /** Instant query at `timeMs` (ms since the epoch). */
  query(promql: string, timeMs: number): Promise<BackfillSample[]>;
  stop(): Promise<void>;
}

/**
 * Writes `openMetrics` (OpenMetrics text with a timestamp on every sample, ending in `# EOF`) into
 * a TSDB with `promtool tsdb create-blocks-from openmetrics`, then starts the real Prometheus on
 * it. Queries then see exactly those samples at exactly those times (no scrape jitter), which is
 * what a differential test of PromQL functions needs. Timestamps must lie within the last 15 days.
 */
export async function startBackfilledPrometheus(openMetrics: string): Promise<BackfilledPrometheus> {
  assertPeerInstalled('prometheus');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-otel-backfill-'));
  try {
    await writeFile(path.join(dir, 'input.om'), openMetrics);
    await run(peerPaths.promtool, ['tsdb', 'create-blocks-from', 'openmetrics', path.join(dir, 'input.om'), path.join(dir, 'tsdb')]);
    await writeFile(path.join(dir, 'prometheus.yml'), '{}\n');
    const peer = await withFreePort(async (port) => {
      const url = `http://127.0.0.1:${port}`;
      const daemon = await startDaemon({
        name: 'prometheus (backfilled)',
        command: peerPaths.prometheus,
        args: [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
        readyUrl: `${url}/-/ready`,
      });
      return { url, daemon };
    });
    return {
      async query(promql, timeMs) {
        const answer = await getJson<{ status: string; error?: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } }>(
          `${peer.url}/api/v1/query?query=${encodeURIComponent(promql)}&time=${(timeMs / 1000).toFixed(3)}`,
        );
        if (answer.status !== 'success') throw new Error(`query ${promql} failed: ${answer.error ?? answer.status}`);
        return answer.data.result.map((r) => ({ metric: r.metric, value: parseGoFloat(r.value[1]) }));
      },
      async stop() {
        await peer.daemon.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function parseGoFloat(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}
