import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Histogram } from '@opentelemetry/sdk-metrics';
import { instrumentMcpServer } from '@mcp-otel/instrumentation';
import { z } from 'zod';
import { createTestProvider, pointsOf } from '../facade/support/metrics-test-kit.js';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import type { OtlpExportRequest } from '../peers/otlp-decoded.js';
import { startOtlpReceiver } from '../peers/otlp-receiver.js';
import type { OtlpReceiver } from '../peers/otlp-receiver.js';
import { peerPaths, REPO_ROOT } from '../peers/peer-paths.js';
import { pollUntil } from '../peers/poll.js';

// The README's stdio server (examples/stdio/server.mjs, built packages) driven by a client that is
// not ours: the MCP Inspector CLI 0.15.0, as a user checks a server by hand. The Inspector starts the
// server, makes one request, prints the result as JSON and ends the session its own way; the server
// must answer, and its metrics must still leave at the end of the session. (The Inspector skips a
// stray non-JSON line on the server's stdout, so stdout's cleanliness is held by stdio-servers.test.ts.)
const SERVER = path.join(REPO_ROOT, 'examples/stdio/server.mjs');
const TIMEOUT = 60_000;

interface InspectorRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `mcp-inspector --cli <target...> <args>`; resolves when the Inspector exits. */
function runInspector(target: readonly string[], args: readonly string[], env: Record<string, string> = {}): Promise<InspectorRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(peerPaths.mcpInspector, ['--cli', ...target, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', (error) => (clearTimeout(timer), reject(error)));
    child.on('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
  });
}

/** The count of `mcp.server.operation.duration` per `mcp.method.name` (and tool), per service instance. */
function operationCounts(requests: readonly OtlpExportRequest[]): Map<string, Record<string, number>> {
  const byInstance = new Map<string, Record<string, number>>();
  for (const request of requests) {
    for (const resource of request.resourceMetrics) {
      const instance = resource.resource?.attributes.find((a) => a.key === 'service.instance.id')?.value?.stringValue ?? '?';
      const counts = byInstance.get(instance) ?? {};
      byInstance.set(instance, counts);
      for (const scope of resource.scopeMetrics) {
        for (const metric of scope.metrics) {
          if (metric.name !== 'mcp.server.operation.duration') continue;
          for (const point of metric.histogram?.dataPoints ?? []) {
            const attribute = (key: string) => point.attributes.find((a) => a.key === key)?.value?.stringValue;
            const tool = attribute('gen_ai.tool.name');
            counts[`${attribute('mcp.method.name')}${tool === undefined ? '' : ` ${tool}`}`] = Number(point.count);
          }
        }
      }
    }
  }
  return byInstance;
}

describeWithPeer(['mcp-inspector', 'otlp-proto'], "the README's stdio server driven by the MCP Inspector CLI 0.15.0", () => {
  let receiver: OtlpReceiver | undefined;
  afterAll(() => receiver?.close());

  it('answers tools/list and tools/call, and each session exports its metrics when the Inspector ends it', async () => {
    receiver = await startOtlpReceiver();
    // The default collection interval (60 s) is far longer than a session: only the final flush can deliver.
    const env = { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url };

    const list = await runInspector([process.execPath, SERVER], ['--method', 'tools/list'], env);
    expect({ code: list.code, stderr: list.stderr }).toEqual({ code: 0, stderr: '' });
    expect((JSON.parse(list.stdout) as { tools: { name: string }[] }).tools.map((tool) => tool.name)).toEqual(['forecast']);

    const call = await runInspector([process.execPath, SERVER], ['--method', 'tools/call', '--tool-name', 'forecast', '--tool-arg', 'city=Paris'], env);
    expect({ code: call.code, stderr: call.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(call.stdout)).toEqual({ content: [{ type: 'text', text: 'Paris: sunny, 21°C' }] });

    // One server process per Inspector run, so two service instances, each with its own session. A
    // server may export more than once as its session ends, and may still be exporting when the
    // Inspector has exited: wait for both instances' tool operations, not for a number of exports.
    const sessions = await pollUntil(
      async () => {
        const counts = [...operationCounts(receiver!.received.map((r) => r.request)).values()];
        return counts.filter((c) => c['tools/list'] !== undefined || c['tools/call forecast'] !== undefined).length >= 2 ? counts : undefined;
      },
      { what: 'both sessions over OTLP', timeoutMs: 15_000, intervalMs: 50 },
    );
    expect(sessions).toHaveLength(2);
    expect(sessions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ initialize: 1, 'tools/list': 1 }),
        expect.objectContaining({ initialize: 1, 'tools/call forecast': 1 }),
      ]),
    );
  }, TIMEOUT);
});

describeWithPeer('mcp-inspector', 'an instrumented Streamable HTTP server driven by the MCP Inspector CLI 0.15.0', () => {
  it('records the tools/call with its tool and the HTTP transport', async () => {
    const { provider, collect } = createTestProvider();
    // Stateless: a server and a transport per HTTP request, as the MCP SDK's examples do.
    const http = createServer((req, res) => {
      const server = new McpServer({ name: 'weather', version: '1.0.0' });
      instrumentMcpServer(server, { meterProvider: provider });
      server.registerTool('forecast', { description: 'Forecast for a city', inputSchema: { city: z.string() } }, ({ city }) => ({
        content: [{ type: 'text', text: `${city}: sunny, 21°C` }],
      }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => void transport.close().then(() => server.close()));
      void server.connect(transport).then(() => transport.handleRequest(req, res));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
      const call = await runInspector([url], ['--transport', 'http', '--method', 'tools/call', '--tool-name', 'forecast', '--tool-arg', 'city=Quito']);
      expect({ code: call.code, stderr: call.stderr }).toEqual({ code: 0, stderr: '' });
      expect(JSON.parse(call.stdout)).toEqual({ content: [{ type: 'text', text: 'Quito: sunny, 21°C' }] });

      const calls = pointsOf(await collect(), 'mcp.server.operation.duration').filter((point) => point.attributes['mcp.method.name'] === 'tools/call');
      expect(calls).toHaveLength(1);
      expect(calls[0]!.attributes).toMatchObject({ 'gen_ai.tool.name': 'forecast', 'network.protocol.name': 'http', 'network.transport': 'tcp' });
      expect((calls[0]!.value as Histogram).count).toBe(1);
    } finally {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await provider.shutdown();
    }
  }, TIMEOUT);
});
