import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import type { OtlpExportRequest } from '../peers/otlp-decoded.js';
import { startOtlpReceiver } from '../peers/otlp-receiver.js';
import type { OtlpReceiver } from '../peers/otlp-receiver.js';
import { REPO_ROOT } from '../peers/peer-paths.js';
import { pollUntil } from '../peers/poll.js';

// Issue 9 finding 1 and issue 10 finding 1, as a user meets them: the README's stdio server
// (examples/stdio/server.mjs, built packages) started twice at once, each driven by a real MCP client
// that then closes stdin, the way every MCP host ends a stdio session. Both must serve MCP, both
// must export, and the last values must arrive although the process ends on its own.
const SERVER = path.join(REPO_ROOT, 'examples/stdio/server.mjs');
const TIMEOUT = 60_000;

interface Session {
  client: Client;
  stderr: string[];
  exited: Promise<number | null>;
}

async function startSession(env: Record<string, string>): Promise<Session> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [SERVER],
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stderr: 'pipe',
  });
  const stderr: string[] = [];
  transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const client = new Client({ name: 'stdio-e2e', version: '1.0.0' });
  await client.connect(transport);
  const pid = transport.pid!;
  const exited = pollUntil(async () => (isRunning(pid) ? undefined : true), { what: `stdio server ${pid} to exit`, timeoutMs: 20_000, intervalMs: 50 }).then(() => null);
  return { client, stderr, exited };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The last value of `mcp.server.operation.duration`'s count for tools/call, per service instance. */
function toolCallCounts(requests: OtlpExportRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    for (const resource of request.resourceMetrics) {
      const instance = resource.resource?.attributes.find((attribute) => attribute.key === 'service.instance.id')?.value?.stringValue ?? '?';
      for (const scope of resource.scopeMetrics) {
        for (const metric of scope.metrics) {
          if (metric.name !== 'mcp.server.operation.duration') continue;
          for (const point of metric.histogram?.dataPoints ?? []) {
            if (point.attributes.some((a) => a.key === 'mcp.method.name' && a.value?.stringValue === 'tools/call')) counts.set(instance, Number(point.count));
          }
        }
      }
    }
  }
  return counts;
}

describeWithPeer('otlp-proto', "the README's stdio server, two copies at once", () => {
  let receiver: OtlpReceiver | undefined;
  afterAll(() => receiver?.close());

  it('both serve MCP, both export over OTLP, and the last calls arrive after the client closes stdin', async () => {
    receiver = await startOtlpReceiver();
    // The default collection interval (60 s) is far longer than the session: only the exit flush can deliver.
    const env = { OTEL_METRICS_EXPORTER: 'otlp,prometheus', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url, OTEL_EXPORTER_PROMETHEUS_PORT: '0' };
    const sessions = await Promise.all([startSession(env), startSession(env)]);
    for (const [index, session] of sessions.entries()) {
      for (let call = 0; call < 3 + index; call++) {
        const result = await session.client.callTool({ name: 'forecast', arguments: { city: 'Oslo' } });
        expect(result.content).toEqual([{ type: 'text', text: 'Oslo: sunny, 21°C' }]);
      }
    }
    await Promise.all(sessions.map((session) => session.client.close()));
    await Promise.all(sessions.map((session) => session.exited));
    await receiver.waitForExports(2, 10_000);
    const counts = [...toolCallCounts(receiver.received.map((r) => r.request)).values()].sort();
    expect(counts).toEqual([3, 4]);
    for (const session of sessions) {
      const lines = session.stderr.join('').split('\n').filter((line) => line !== '');
      // Each copy picked its own Prometheus port and said which; nothing else was worth a line.
      expect(lines).toEqual([expect.stringMatching(/^\[mcp-otel\] info serving Prometheus metrics on http:\/\/127\.0\.0\.1:\d+\/metrics$/)]);
    }
  }, TIMEOUT);
});

describe("the README's stdio server with the default Prometheus port taken", () => {
  it('still serves MCP, with one stderr line naming the port and the fix', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const session = await startSession({ OTEL_EXPORTER_PROMETHEUS_PORT: String(port) });
      const result = await session.client.callTool({ name: 'forecast', arguments: { city: 'Lima' } });
      expect(result.content).toEqual([{ type: 'text', text: 'Lima: sunny, 21°C' }]);
      await session.client.close();
      await session.exited;
      const lines = session.stderr.join('').split('\n').filter((line) => line !== '');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`[mcp-otel] warn cannot serve Prometheus metrics on 127.0.0.1:${port}: the port is already in use`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, TIMEOUT);
});

describe("the README's stdio server's stdout", () => {
  it('carries only JSON-RPC messages, with metrics on (the exporters log to stderr), and the process exits 0 when stdin closes', async () => {
    const child = spawn(process.execPath, [SERVER], {
      cwd: REPO_ROOT,
      // Prometheus on a free port says so in one line: on stderr, never on the wire.
      env: { PATH: process.env.PATH ?? '', OTEL_METRICS_EXPORTER: 'prometheus,console', OTEL_EXPORTER_PROMETHEUS_PORT: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const send = (message: object) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    send({ id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1.0.0' } } });
    await pollUntil(async () => (stdout.includes('"id":1') ? true : undefined), { what: 'the initialize answer', timeoutMs: 10_000 });
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/call', params: { name: 'forecast', arguments: { city: 'Rome' } } });
    await pollUntil(async () => (stdout.includes('"id":2') ? true : undefined), { what: 'the tools/call answer', timeoutMs: 10_000 });
    child.stdin.end();
    expect(await exited).toBe(0);

    const lines = stdout.split('\n').filter((line) => line !== '');
    const messages = lines.map((line) => JSON.parse(line) as { jsonrpc?: string; id?: number; result?: unknown });
    expect(messages.map((message) => [message.jsonrpc, message.id])).toEqual([
      ['2.0', 1],
      ['2.0', 2],
    ]);
    expect(messages[1]!.result).toEqual({ content: [{ type: 'text', text: 'Rome: sunny, 21°C' }] });
    // The console exporter's final export went to stderr, so metrics were on and did write.
    expect(stderr).toContain('mcp.server.operation.duration');
  }, TIMEOUT);
});
