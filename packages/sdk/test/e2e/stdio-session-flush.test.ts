import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { REPO_ROOT } from '../peers/peer-paths.js';

// A stdio MCP server as the README writes it (startMetrics + instrumentMcpServer, nothing on stdin
// end), with a push exporter whose interval never fires in the test: a real client calls a tool
// and closes stdin. The instrumentation sees the stdio session end (SDK 1.x does not report it),
// records the session and flushes the provider startMetrics registered globally; startMetrics also
// flushes before the process exits. Either way the session and the last counts must reach the file.
// Both MCP SDK lines; the built packages, as a host app loads them. The flush of the instrumentation
// alone is proven by packages/instrumentation/test/transport/stdio.test.ts (a plain OTel provider).
const TIMEOUT = 60_000;
const SERVER = `
const { startMetrics } = require(process.env.SDK_DIST);
const { instrumentMcpServer } = require(process.env.INSTRUMENTATION_DIST);
(async () => {
  await startMetrics({
    serviceName: 'stdio-flush',
    collectionInterval: '1h',
    exporters: [{ type: 'file', format: 'prometheus', path: process.env.METRICS_FILE }],
  }, { env: {} });
  const v2 = process.env.MCP_SDK === '2';
  const { McpServer } = require(v2 ? '@modelcontextprotocol/server' : '@modelcontextprotocol/sdk/server/mcp.js');
  const { StdioServerTransport } = require(v2 ? '@modelcontextprotocol/server/stdio' : '@modelcontextprotocol/sdk/server/stdio.js');
  const server = instrumentMcpServer(new McpServer({ name: 'weather', version: '1.0.0' }));
  server.registerTool('forecast', {}, () => ({ content: [{ type: 'text', text: 'sunny' }] }));
  await server.connect(new StdioServerTransport());
})();
`;

describe.each(['1', '2'])('a stdio server whose client closes stdin (MCP SDK %s.x)', (generation) => {
  it('exports the session and its operations before the process ends', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-otel-stdio-flush-'));
    const metricsFile = path.join(dir, 'metrics.prom');
    try {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: ['-e', SERVER],
        cwd: REPO_ROOT,
        stderr: 'pipe',
        env: {
          ...(process.env as Record<string, string>),
          NODE_OPTIONS: '',
          MCP_SDK: generation,
          METRICS_FILE: metricsFile,
          SDK_DIST: path.join(REPO_ROOT, 'packages/sdk/dist/index.js'),
          INSTRUMENTATION_DIST: path.join(REPO_ROOT, 'packages/instrumentation/dist/index.js'),
        },
      });
      let stderr = '';
      transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const client = new Client({ name: 'agent', version: '1.0.0' });
      await client.connect(transport);
      await client.callTool({ name: 'forecast', arguments: {} });
      const exited = new Promise<void>((resolve) => transport.onclose === undefined ? resolve() : (transport.onclose = resolve));
      await client.close();
      await exited;
      const deadline = Date.now() + 10_000;
      while (!fs.existsSync(metricsFile) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(stderr).toBe('');
      const text = fs.readFileSync(metricsFile, 'utf8');
      expect(text).toMatch(/^mcp_server_session_duration\w*_count\{[^}]*\} 1$/m);
      expect(text).toMatch(/^mcp_server_operation_duration\w*_count\{[^}]*gen_ai_tool_name="forecast"[^}]*\} 1$/m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, TIMEOUT);
});
