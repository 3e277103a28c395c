import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithPeer } from '../../../packages/sdk/test/peers/describe-with-peer';
import { pollUntil } from '../../../packages/sdk/test/peers/poll';
import { promtoolCheckMetrics } from '../../../packages/sdk/test/peers/promtool';

const main = join(__dirname, '..', 'dist', 'main.js');

/** Starts the built demo on free ports and resolves once it has printed its URLs. */
function startDemo(): Promise<{ child: ChildProcess; metricsUrl: string; mcpUrl: string; stderr: () => string }> {
  const child = spawn(process.execPath, [main, '--port', '0', '--rate', '20', '--duration', '60'], {
    env: { ...process.env, OTEL_EXPORTER_PROMETHEUS_PORT: '0', OTEL_METRICS_EXPORTER: 'prometheus' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const metricsUrl = /metrics: +(http\S+)/.exec(stderr)?.[1];
      const mcpUrl = /Streamable HTTP\): +(http\S+)/.exec(stderr)?.[1];
      if (metricsUrl !== undefined && mcpUrl !== undefined) resolve({ child, metricsUrl, mcpUrl, stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`demo exited early (${code}): ${stderr}`)));
  });
}

describeWithPeer('prometheus', 'the demo (npm start)', () => {
  let demo: Awaited<ReturnType<typeof startDemo>> | undefined;

  beforeAll(async () => {
    if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first (npm test does it)`);
    demo = await startDemo();
  });

  afterAll(async () => {
    if (demo === undefined || demo.child.exitCode !== null) return;
    const exited = new Promise((resolve) => demo!.child.once('exit', resolve));
    demo.child.kill('SIGTERM');
    await exited;
  });

  it('serves MCP and client metrics that promtool accepts', async () => {
    const text = await pollUntil(
      async () => {
        const body = await (await fetch(demo!.metricsUrl)).text();
        return /demo_client_calls_total\{[^}]*demo_call="echo"/.test(body) ? body : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 200, what: 'demo metrics' },
    );
    expect(text).toMatch(/target_info\{[^}]*service_name="mcp-otel-demo"/);
    const check = await promtoolCheckMetrics(text);
    expect(check.output).toBe('');
    expect(check.exitCode).toBe(0);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => demo!.child.once('exit', resolve));
    demo!.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(demo!.stderr()).toContain('demo: stopping (SIGTERM)');
  });
});
