import { diag, DiagLogLevel, metrics as otelMetrics } from '@opentelemetry/api';
import type { Meter, MeterProvider } from '@opentelemetry/api';
import { instrumentMcpClient, instrumentMcpServer, instrumentTransport } from '@mcp-otel/instrumentation';
import { resetWarnings, safeCall } from '../src/safe.js';
import { connectInMemory, s } from './helpers/connect-pair.js';
import type { McpSdk } from './helpers/sdk/mcp-sdk.js';
import { SDKS } from './helpers/sdk/sdks.js';
import { series, TestMetrics, total } from './helpers/test-metrics.js';

/** A meter provider whose every instrument throws, the worst a misbehaving SDK or vendor can do. */
function throwingProvider(): MeterProvider {
  const fail = () => {
    throw new Error('meter is broken');
  };
  const instrument = { record: fail, add: fail, addCallback: fail, removeCallback: fail };
  const meter = {
    createHistogram: () => instrument,
    createCounter: () => instrument,
    createUpDownCounter: () => instrument,
    createGauge: () => instrument,
    createObservableCounter: () => instrument,
    createObservableUpDownCounter: () => instrument,
    createObservableGauge: () => instrument,
    addBatchObservableCallback: fail,
    removeBatchObservableCallback: fail,
  } as unknown as Meter;
  return { getMeter: () => meter };
}

async function exchange(sdk: McpSdk, provider: MeterProvider | undefined): Promise<unknown[]> {
  const server = sdk.createServer();
  const client = sdk.createClient();
  instrumentMcpServer(server.raw, provider === undefined ? {} : { meterProvider: provider });
  instrumentMcpClient(client.raw, provider === undefined ? {} : { meterProvider: provider });
  await connectInMemory(sdk, server, client);
  const results = [
    await client.listTools().then((r) => (r as { tools: unknown[] }).tools.length),
    await client.callTool('echo', { text: 'still works' }),
    await client.callTool('fail'),
    await client.readResource('mem://missing').catch((e: Error) => e.message),
  ];
  await client.close();
  await server.close();
  return results;
}

describe.each(SDKS)('safety (%s)', (_name, sdk) => {
  let warnings: string[];
  beforeEach(() => {
    resetWarnings();
    warnings = [];
    diag.setLogger({ error: () => {}, warn: (m: string) => warnings.push(m), info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
  });
  afterEach(() => {
    diag.disable();
    otelMetrics.disable();
    jest.restoreAllMocks();
  });

  it('keeps the MCP exchange identical when every instrument throws, warns once per site, writes nothing to stdout', async () => {
    const stdout = jest.spyOn(process.stdout, 'write');
    const log = jest.spyOn(console, 'log');
    const bare = await exchange(sdk, undefined);
    warnings.length = 0;
    const broken = await exchange(sdk, throwingProvider());
    expect(broken).toEqual(bare);
    expect(warnings.length).toBeGreaterThan(0);
    expect(new Set(warnings).size).toBe(warnings.length);
    const before = warnings.length;
    await exchange(sdk, throwingProvider());
    expect(warnings.length).toBe(before);
    expect(stdout).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('falls back to no-op instruments when getMeter itself throws', async () => {
    const provider: MeterProvider = {
      getMeter: () => {
        throw new Error('no meters today');
      },
    };
    expect(await exchange(sdk, provider)).toEqual(await exchange(sdk, undefined));
    expect(warnings.some((w) => w.includes('creating instruments'))).toBe(true);
  });

  it('survives a diag logger that throws', async () => {
    diag.disable();
    diag.setLogger({ error: () => {}, warn: () => { throw new Error('logger broken'); }, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
    expect(await exchange(sdk, throwingProvider())).toEqual(await exchange(sdk, undefined));
  });

  it('picks up a global MeterProvider set after instrumenting (the SDK started late), and follows a replacement', async () => {
    const server = sdk.createServer();
    const client = sdk.createClient();
    instrumentMcpServer(server.raw);
    instrumentMcpClient(client.raw);
    await connectInMemory(sdk, server, client);
    await client.ping(); // global provider is still the no-op one

    const first = new TestMetrics();
    otelMetrics.setGlobalMeterProvider(first.provider);
    await client.ping();
    let all = await first.collect();
    expect(series(all.get('mcp.server.operation.duration'))).toEqual([s({ 'mcp.method.name': 'ping', 'mcp.protocol.version': '2025-11-25' }, 1)]);
    // Transport counters are cumulative since the process started (earlier tests used the global provider too).
    expect(total(all.get('mcp_otel.transport.messages'))).toBeGreaterThanOrEqual(4 * 3 + 2);
    expect(total(all.get('mcp_otel.transport.active_connections'))).toBe(2);

    otelMetrics.disable();
    const second = new TestMetrics();
    otelMetrics.setGlobalMeterProvider(second.provider);
    await client.ping();
    all = await second.collect();
    expect(total(all.get('mcp.client.operation.duration'))).toBe(1);
    expect(total(all.get('mcp_otel.transport.active_connections'))).toBe(2);
    // The first provider no longer receives anything.
    expect(total((await first.collect()).get('mcp.client.operation.duration'))).toBe(1);

    await client.close();
    await server.close();
    await first.shutdown();
    await second.shutdown();
  });

  it('passes a message whose getters throw to the host exactly as without instrumentation', async () => {
    const evil = Object.defineProperty({ jsonrpc: '2.0', id: 1 }, 'method', {
      enumerable: true,
      get() {
        throw new Error('evil getter');
      },
    });
    const seen: unknown[] = [];
    const [a, b] = sdk.linkedPair();
    a.onmessage = (m) => seen.push(m);
    const metrics = new TestMetrics();
    instrumentTransport(a, { meterProvider: metrics.provider });
    await a.start();
    await b.start();
    await expect(b.send(evil as never)).resolves.toBeUndefined();
    expect(seen).toEqual([evil]);
    expect(warnings).toHaveLength(1);
    await a.close();
    await metrics.shutdown();
  });

  it('safeCall returns the result, or undefined after reporting once', () => {
    expect(safeCall('site-a', (x: number, y: number) => x + y, 1, 2, undefined)).toBe(3);
    const thrower = () => {
      throw new Error('x');
    };
    expect(safeCall('site-b', thrower, 0, 0, 0)).toBeUndefined();
    expect(safeCall('site-b', thrower, 0, 0, 0)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('site-b');
  });
});
