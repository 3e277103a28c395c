import { instrumentMcpClient, instrumentMcpServer } from '@mcp-otel/instrumentation';
import { PROTOCOL, s } from '../helpers/connect-pair.js';
import { listen, postMessage, stop } from '../helpers/http-listen.js';
import type { HttpServerTransport } from '../helpers/sdk/mcp-sdk.js';
import { SDKS } from '../helpers/sdk/sdks.js';
import { series, TestMetrics, total, waitFor } from '../helpers/test-metrics.js';

const HTTP = { 'network.transport': 'tcp', 'network.protocol.name': 'http' };
const tool = (name: string) => ({ 'mcp.method.name': 'tools/call', 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name });

describe.each(SDKS)('Streamable HTTP on 127.0.0.1 (%s)', (_name, sdk) => {
  let serverMetrics: TestMetrics;
  let clientMetrics: TestMetrics;
  beforeEach(() => {
    serverMetrics = new TestMetrics();
    clientMetrics = new TestMetrics();
  });
  afterEach(async () => {
    await serverMetrics.shutdown();
    await clientMetrics.shutdown();
  });

  it('stateful: records operations and sessions on both sides with the HTTP network attributes', async () => {
    const transports = new Map<string, HttpServerTransport>();
    const mcpServers: { close(): Promise<void> }[] = [];
    const { server: httpServer, url, port } = await listen(async (req, res) => {
      const sid = req.headers['mcp-session-id'];
      let transport = typeof sid === 'string' ? transports.get(sid) : undefined;
      if (transport === undefined) {
        const created = sdk.streamableHttpServer({ stateful: true, onsessioninitialized: (id) => void transports.set(id, created) });
        const server = sdk.createServer();
        instrumentMcpServer(server.raw, { meterProvider: serverMetrics.provider });
        mcpServers.push(server);
        await server.connect(created.transport);
        // connect() has set onclose; forget the session when it ends.
        const onclose = (created.transport as { onclose?: () => void }).onclose;
        (created.transport as { onclose?: () => void }).onclose = () => {
          if (created.transport.sessionId !== undefined) transports.delete(created.transport.sessionId);
          onclose?.();
        };
        transport = created;
      }
      await transport.handle(req, res);
    });
    const client = sdk.createClient();
    instrumentMcpClient(client.raw, { meterProvider: clientMetrics.provider });
    const clientTransport = sdk.streamableHttpClient(url);
    try {
      await client.connect(clientTransport);
      await client.listTools();
      await client.callTool('echo', { text: 'over http' });
      await expect(client.readResource('mem://missing')).rejects.toThrow();
      await clientTransport.terminateSession();
      await client.close();
      await waitFor(() => transports.size === 0, 5000, 'the server session to close');
    } finally {
      for (const s of mcpServers) await s.close();
      await stop(httpServer);
    }

    const server = await serverMetrics.collect();
    const sBase = { ...HTTP, 'network.protocol.version': '1.1', 'mcp.protocol.version': PROTOCOL };
    expect(series(server.get('mcp.server.operation.duration'))).toEqual(
      [
        s({ ...sBase, 'mcp.method.name': 'initialize' }, 1),
        s({ ...sBase, 'mcp.method.name': 'notifications/initialized' }, 1),
        s({ ...sBase, 'mcp.method.name': 'tools/list' }, 1),
        s({ ...sBase, ...tool('echo') }, 1),
        s({ ...sBase, 'mcp.method.name': 'resources/read', 'rpc.response.status_code': '-32602' }, 1),
      ].sort(),
    );
    expect(series(server.get('mcp.server.session.duration'))).toEqual([s(sBase, 1)]);
    const transport = { 'mcp_otel.transport.type': 'streamable_http', ...HTTP };
    expect(series(server.get('mcp_otel.transport.active_connections'))).toEqual([s(transport, 0)]);
    expect(total(server.get('mcp_otel.transport.messages'), { 'network.io.direction': 'receive', 'mcp_otel.message.kind': 'request' })).toBe(4);

    const client_ = await clientMetrics.collect();
    const cBase = { ...HTTP, 'server.address': '127.0.0.1', 'server.port': port, 'mcp.protocol.version': PROTOCOL };
    expect(series(client_.get('mcp.client.operation.duration'))).toEqual(
      [
        s({ ...cBase, 'mcp.method.name': 'initialize' }, 1),
        s({ ...cBase, 'mcp.method.name': 'notifications/initialized' }, 1),
        s({ ...cBase, 'mcp.method.name': 'tools/list' }, 1),
        s({ ...cBase, ...tool('echo') }, 1),
        s({ ...cBase, 'mcp.method.name': 'resources/read', 'error.type': '-32602', 'rpc.response.status_code': '-32602' }, 1),
      ].sort(),
    );
    expect(series(client_.get('mcp.client.session.duration'))).toEqual([s(cBase, 1)]);
    expect(series(client_.get('mcp_otel.transport.active_connections'))).toEqual([s(transport, 0)]);
  });

  it('stateless: one transport per request, protocol version from the header, and no server session', async () => {
    let open = 0;
    const { server: httpServer, url } = await listen(async (req, res) => {
      const server = sdk.createServer();
      instrumentMcpServer(server.raw, { meterProvider: serverMetrics.provider });
      const { transport, handle } = sdk.streamableHttpServer({ stateful: false });
      open++;
      res.on('close', () => {
        void transport.close().then(() => server.close()).finally(() => open--);
      });
      await server.connect(transport);
      await handle(req, res);
    });
    const client = sdk.createClient();
    instrumentMcpClient(client.raw, { meterProvider: clientMetrics.provider });
    try {
      await client.connect(sdk.streamableHttpClient(url));
      await client.listTools();
      await client.callTool('echo', { text: 'stateless' });
      await client.close();
      await waitFor(() => open === 0, 5000, 'every per-request server to close');
    } finally {
      await stop(httpServer);
    }

    const server = await serverMetrics.collect();
    const sBase = { ...HTTP, 'network.protocol.version': '1.1', 'mcp.protocol.version': PROTOCOL };
    expect(series(server.get('mcp.server.operation.duration'))).toEqual(
      [
        s({ ...sBase, 'mcp.method.name': 'initialize' }, 1),
        s({ ...sBase, 'mcp.method.name': 'notifications/initialized' }, 1),
        s({ ...sBase, 'mcp.method.name': 'tools/list' }, 1),
        s({ ...sBase, ...tool('echo') }, 1),
      ].sort(),
    );
    // Each HTTP request had its own transport: no MCP session on the server side.
    expect(server.get('mcp.server.session.duration')).toBeUndefined();
    expect(total(server.get('mcp_otel.transport.active_connections'))).toBe(0);
    expect(total(server.get('mcp_otel.transport.connect.duration'))).toBeGreaterThanOrEqual(4);

    const client_ = await clientMetrics.collect();
    expect(total(client_.get('mcp.client.session.duration'))).toBe(1);
    expect(total(client_.get('mcp.client.operation.duration'), { 'gen_ai.tool.name': 'echo' })).toBe(1);
  });

  it('counts Mcp-Method / Mcp-Name headers that contradict the body (built by hand), measures the body, never records a header value', async () => {
    // The 2025-era transports of both SDK lines serve such requests (only 2.x's 2026-07-28 entry,
    // createMcpHandler, rejects them, see protocol-2026.test.ts); no SDK client sends them.
    let transport: HttpServerTransport | undefined;
    const { server: httpServer, url } = await listen(async (req, res) => {
      if (transport === undefined) {
        transport = sdk.streamableHttpServer({ stateful: true });
        const server = sdk.createServer();
        instrumentMcpServer(server.raw, { meterProvider: serverMetrics.provider });
        await server.connect(transport.transport);
      }
      await transport.handle(req, res);
    });
    try {
      const init = await postMessage(url, { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
      const session = { 'mcp-session-id': init.headers.get('mcp-session-id')!, 'mcp-protocol-version': PROTOCOL };
      await postMessage(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, session);
      const call = (id: number, headers: Record<string, string>) => postMessage(url, { jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'echo', arguments: { text: 'x' } } }, { ...session, ...headers });
      // Served as the body says: a tools/call of echo.
      expect((await call(1, { 'mcp-method': 'tools/list' })).messages).toMatchObject([{ id: 1, result: { content: [{ text: 'x' }] } }]);
      await call(2, { 'mcp-method': 'tools/call', 'mcp-name': 'HEADER-ONLY-NAME' });
      // Headers that agree with the body, the name also in its base64 form: no mismatch.
      await call(3, { 'mcp-method': 'tools/call', 'mcp-name': 'echo' });
      await call(4, { 'mcp-method': 'tools/call', 'mcp-name': `=?base64?${Buffer.from('echo').toString('base64')}?=` });
      for (let i = 0; i < 200; i++) await call(10 + i, { 'mcp-method': `random/method-${i}` });
    } finally {
      await stop(httpServer);
    }
    const all = await serverMetrics.collect();
    const transportAttrs = { 'mcp_otel.transport.type': 'streamable_http', ...HTTP };
    expect(series(all.get('mcp_otel.transport.errors'))).toEqual([s({ ...transportAttrs, 'error.type': 'header_mismatch' }, 202)]);
    const base = { ...HTTP, 'network.protocol.version': '1.1', 'mcp.protocol.version': PROTOCOL };
    expect(series(all.get('mcp.server.operation.duration'))).toEqual(
      [s({ ...base, 'mcp.method.name': 'initialize' }, 1), s({ ...base, 'mcp.method.name': 'notifications/initialized' }, 1), s({ ...base, ...tool('echo') }, 204)].sort(),
    );
    expect(JSON.stringify([...all.values()])).not.toMatch(/HEADER-ONLY-NAME|random\/method|tools\/list/);
  });
});
