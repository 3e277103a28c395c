import { instrumentMcpClient, instrumentMcpServer, instrumentTransport, MESSAGE_SIZE_BUCKETS, TRANSPORT_METER_NAME } from '@mcp-otel/instrumentation';
import { connectInMemory, s } from '../helpers/connect-pair.js';
import type { Message } from '../helpers/sdk/mcp-sdk.js';
import { SDKS } from '../helpers/sdk/sdks.js';
import { series, TestMetrics, total, waitFor } from '../helpers/test-metrics.js';
import type { HistogramValue } from '../helpers/test-metrics.js';

const MEM = { 'mcp_otel.transport.type': 'in_memory' };
const msg = (direction: string, kind: string) => ({ ...MEM, 'network.io.direction': direction, 'mcp_otel.message.kind': kind });

describe.each(SDKS)('instrumentTransport (%s)', (_name, sdk) => {
  let metrics: TestMetrics;
  beforeEach(() => {
    metrics = new TestMetrics();
  });
  afterEach(async () => {
    await metrics.shutdown();
  });

  it('counts messages by direction and kind, connections, and requests in flight', async () => {
    const server = sdk.createServer();
    const blocked = server.blocked;
    const client = sdk.createClient();
    const [clientTransport, serverTransport] = sdk.linkedPair();
    instrumentTransport(serverTransport, { meterProvider: metrics.provider });
    await server.connect(serverTransport);
    await client.connect(clientTransport);
    await client.ping();
    const call = client.callTool('block');
    await waitFor(() => blocked.length === 1, 5000, 'the tool to start');

    let all = await metrics.collect();
    expect(all.get('mcp_otel.transport.messages')).toMatchObject({ scope: TRANSPORT_METER_NAME, unit: '{message}' });
    // Server side: received initialize, ping, tools/call (requests) + initialized (notification); sent 2 responses.
    expect(series(all.get('mcp_otel.transport.messages'))).toEqual(
      [s(msg('receive', 'request'), 3), s(msg('receive', 'notification'), 1), s(msg('transmit', 'response'), 2)].sort(),
    );
    expect(series(all.get('mcp_otel.transport.active_connections'))).toEqual([s(MEM, 1)]);
    expect(all.get('mcp_otel.transport.active_connections')?.unit).toBe('{connection}');
    expect(series(all.get('mcp_otel.transport.active_requests'))).toEqual(
      [
        s({ ...MEM, 'network.io.direction': 'receive', 'mcp.method.name': 'initialize' }, 0),
        s({ ...MEM, 'network.io.direction': 'receive', 'mcp.method.name': 'ping' }, 0),
        s({ ...MEM, 'network.io.direction': 'receive', 'mcp.method.name': 'tools/call' }, 1),
      ].sort(),
    );
    expect(series(all.get('mcp_otel.transport.connect.duration'))).toEqual([s(MEM, 1)]);
    expect(all.get('mcp_otel.transport.connect.duration')?.unit).toBe('s');
    // No MCP operation metrics: only the transport was instrumented.
    expect(all.get('mcp.server.operation.duration')).toBeUndefined();

    blocked[0]!.release();
    await call;
    await client.close();
    all = await metrics.collect();
    expect(total(all.get('mcp_otel.transport.active_requests'))).toBe(0);
    expect(series(all.get('mcp_otel.transport.active_connections'))).toEqual([s(MEM, 0)]);
    expect(total(all.get('mcp_otel.transport.messages'), { 'network.io.direction': 'transmit', 'mcp_otel.message.kind': 'response' })).toBe(3);
    expect(all.get('mcp_otel.transport.errors')).toBeUndefined();
    await server.close();
  });

  it('tracks many concurrent requests (more than fit the linear table) and matches every response', async () => {
    const server = sdk.createServer();
    const blocked = server.blocked;
    const client = sdk.createClient();
    instrumentMcpServer(server.raw, { meterProvider: metrics.provider });
    await connectInMemory(sdk, server, client);
    const calls = Array.from({ length: 40 }, () => client.callTool('block'));
    await waitFor(() => blocked.length === 40, 5000, 'all calls to start');
    const inFlight = { ...MEM, 'network.io.direction': 'receive', 'mcp.method.name': 'tools/call' };
    expect(series((await metrics.collect()).get('mcp_otel.transport.active_requests'))).toContain(s(inFlight, 40));
    for (const b of blocked.reverse()) b.release();
    await Promise.all(calls);
    const all = await metrics.collect();
    expect(series(all.get('mcp_otel.transport.active_requests'))).toContain(s(inFlight, 0));
    expect(total(all.get('mcp.server.operation.duration'), { 'gen_ai.tool.name': 'block' })).toBe(40);
    await client.close();
    await server.close();
  });

  it('keeps callbacks set before connect() working: connect() chains them and they still fire once', async () => {
    const server = sdk.createServer();
    const client = sdk.createClient();
    const [clientTransport, serverTransport] = sdk.linkedPair();
    const seen: string[] = [];
    serverTransport.onmessage = (m) => seen.push(typeof m['method'] === 'string' ? m['method'] : 'response');
    serverTransport.onclose = () => seen.push('close');
    instrumentTransport(serverTransport, { meterProvider: metrics.provider });
    instrumentMcpServer(server.raw, { meterProvider: metrics.provider });
    await server.connect(serverTransport);
    await client.connect(clientTransport);
    await client.ping();
    await client.close();
    expect(seen).toEqual(['initialize', 'notifications/initialized', 'ping', 'close']);
    const all = await metrics.collect();
    // Wrapped twice (before connect and in start()), measured once.
    expect(total(all.get('mcp_otel.transport.messages'), { 'network.io.direction': 'receive' })).toBe(3);
    expect(total(all.get('mcp.server.operation.duration'))).toBe(3);
    expect(total(all.get('mcp.server.session.duration'))).toBe(1);
    await server.close();
  });

  it('returns the same transport, and instrumenting it twice changes nothing', async () => {
    const [a, b] = sdk.linkedPair();
    expect(instrumentTransport(a, { meterProvider: metrics.provider })).toBe(a);
    const send = a.send;
    expect(instrumentTransport(a, { meterProvider: metrics.provider })).toBe(a);
    expect(a.send).toBe(send);
    b.onmessage = () => {};
    a.onmessage = () => {};
    await a.start();
    await b.start();
    await a.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(series((await metrics.collect()).get('mcp_otel.transport.messages'))).toEqual([s(msg('transmit', 'notification'), 1)]);
    await a.close();
  });

  it('records serialized message sizes in UTF-8 bytes only when recordMessageSize is on', async () => {
    const [a, b] = sdk.linkedPair();
    instrumentTransport(a, { meterProvider: metrics.provider, recordMessageSize: true });
    const [c, d] = sdk.linkedPair();
    instrumentTransport(c, { meterProvider: metrics.provider });
    for (const t of [a, b, c, d]) {
      t.onmessage = () => {};
      await t.start();
    }
    const out: Message = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'héllo ✓ 😀' } };
    const back: Message = { jsonrpc: '2.0', id: 1, result: {} };
    await a.send(out);
    await b.send(back);
    await c.send(out);
    const metric = (await metrics.collect()).get('mcp_otel.transport.message.size');
    expect(metric?.unit).toBe('By');
    expect(series(metric)).toEqual([s({ ...MEM, 'network.io.direction': 'transmit' }, 1), s({ ...MEM, 'network.io.direction': 'receive' }, 1)].sort());
    const sent = metric!.points.find((p) => p.attributes['network.io.direction'] === 'transmit')!.value as HistogramValue;
    expect(sent.sum).toBe(Buffer.byteLength(JSON.stringify(out), 'utf8'));
    expect(sent.buckets.boundaries).toEqual(MESSAGE_SIZE_BUCKETS);
    const received = metric!.points.find((p) => p.attributes['network.io.direction'] === 'receive')!.value as HistogramValue;
    expect(received.sum).toBe(Buffer.byteLength(JSON.stringify(back), 'utf8'));
    // A message JSON cannot serialize loses its size, never its timing.
    await a.send({ jsonrpc: '2.0', id: 2, method: 'ping', params: { n: 1n } });
    await b.send({ jsonrpc: '2.0', id: 2, result: {} });
    const after = await metrics.collect();
    expect(total(after.get('mcp_otel.transport.message.size'), { 'network.io.direction': 'transmit' })).toBe(1);
    expect(series(after.get('mcp_otel.transport.active_requests'))).toContain(s({ ...MEM, 'network.io.direction': 'transmit', 'mcp.method.name': 'ping' }, 0));
    await a.close();
    await c.close();
  });

  it('counts transport errors by error.type: onerror reports and failed sends', async () => {
    const [a, b] = sdk.linkedPair();
    const reported: unknown[] = [];
    a.onerror = (e) => reported.push(e);
    a.onmessage = () => {};
    instrumentTransport(a, { meterProvider: metrics.provider });
    await a.start();
    a.onerror(new TypeError('bad frame'));
    await b.close();
    await expect(a.send({ jsonrpc: '2.0', id: 1, method: 'ping' })).rejects.toThrow('Not connected');
    expect(reported).toHaveLength(1);
    const all = await metrics.collect();
    expect(all.get('mcp_otel.transport.errors')?.unit).toBe('{error}');
    expect(series(all.get('mcp_otel.transport.errors'))).toEqual([s({ ...MEM, 'error.type': sdk.behaviour.notConnectedError }, 1), s({ ...MEM, 'error.type': 'TypeError' }, 1)].sort());
    // The request that failed to send is not left in flight.
    expect(total(all.get('mcp_otel.transport.active_requests'))).toBe(0);
  });

  it('records a failed start() with error.type and does not count the connection', async () => {
    const failing = {
      onmessage: undefined as unknown,
      start: () => Promise.reject(new RangeError('no pipe')),
      send: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    instrumentTransport(failing, { meterProvider: metrics.provider, transport: { type: 'custom_pipe', networkTransport: 'pipe' } });
    await expect(failing.start()).rejects.toThrow('no pipe');
    const all = await metrics.collect();
    const attrs = { 'mcp_otel.transport.type': 'custom_pipe', 'network.transport': 'pipe' };
    expect(series(all.get('mcp_otel.transport.connect.duration'))).toEqual([s({ ...attrs, 'error.type': 'RangeError' }, 1)]);
    expect(series(all.get('mcp_otel.transport.errors'))).toEqual([s({ ...attrs, 'error.type': 'RangeError' }, 1)]);
    expect(series(all.get('mcp_otel.transport.active_connections'))).toEqual([s(attrs, 0)]);
  });

  it('lets the host see its own errors unchanged: a throwing send, a throwing callback', async () => {
    const boom = new Error('host send failed');
    const custom = {
      onmessage: undefined as ((m: unknown) => void) | undefined,
      start: () => Promise.resolve(),
      send: () => {
        throw boom;
      },
      close: () => Promise.resolve(),
    };
    instrumentTransport(custom, { meterProvider: metrics.provider });
    expect(() => custom.send()).toThrow(boom);
    const callbackError = new Error('host callback failed');
    custom.onmessage = () => {
      throw callbackError;
    };
    await custom.start();
    expect(() => custom.onmessage?.({ jsonrpc: '2.0', method: 'notifications/initialized' })).toThrow(callbackError);
  });

  it('instruments client and server over one pair with one transport metric stream per side', async () => {
    const server = sdk.createServer();
    const client = sdk.createClient();
    instrumentMcpServer(server.raw, { meterProvider: metrics.provider });
    instrumentMcpClient(client.raw, { meterProvider: metrics.provider });
    await connectInMemory(sdk, server, client);
    await client.ping();
    await client.close();
    await server.close();
    const all = await metrics.collect();
    // Each message is counted once when sent and once when received.
    expect(series(all.get('mcp_otel.transport.messages'))).toEqual(
      [
        s(msg('transmit', 'request'), 2),
        s(msg('receive', 'request'), 2),
        s(msg('transmit', 'response'), 2),
        s(msg('receive', 'response'), 2),
        s(msg('transmit', 'notification'), 1),
        s(msg('receive', 'notification'), 1),
      ].sort(),
    );
    expect(series(all.get('mcp_otel.transport.active_connections'))).toEqual([s(MEM, 0)]);
  });
});
