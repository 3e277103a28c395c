import net from 'node:net';
import type { LookupAddress } from 'node:dns';
import { freePort } from '../../peers/free-port.js';
import { pollUntil } from '../../peers/poll.js';
import { startStatsd } from '../../peers/statsd.js';
import type { StatsdPeer } from '../../peers/statsd.js';
import { captureDiag } from './capture-diag.js';
import type { DiagCapture } from './capture-diag.js';
import { statsdPipeline } from './statsd-pipeline.js';
import type { StatsdPipeline } from './statsd-pipeline.js';

const FAST_TCP = { backoffMinMs: 20, backoffMaxMs: 200, flushTimeoutMs: 500, connectTimeoutMs: 2000 };

describe('StatsD exporter faults: daemon down, back, slow, unresolvable', () => {
  let statsd: StatsdPeer | undefined;
  let pipeline: StatsdPipeline | undefined;
  let diagnostics: DiagCapture;
  const servers: net.Server[] = [];
  const sockets: net.Socket[] = [];

  beforeEach(() => {
    diagnostics = captureDiag();
  });
  afterEach(async () => {
    await pipeline?.shutdown();
    pipeline = undefined;
    await statsd?.stop();
    statsd = undefined;
    for (const socket of sockets.splice(0)) socket.destroy();
    for (const server of servers.splice(0)) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    diagnostics.restore();
  });

  it('UDP: survives a closed port with one warning, then resumes once the daemon listens', async () => {
    const port = await freePort();
    pipeline = statsdPipeline({ port, protocol: 'udp' });
    const calls = pipeline.meter.createCounter('calls');
    for (let i = 0; i < 5; i++) {
      calls.add(1);
      await pipeline.flush(); // resolves: nothing blocks while nobody listens
    }
    await pollUntil(() => Promise.resolve(pipeline!.exporter.stats().refusedDatagrams > 0 ? true : undefined), {
      what: 'a refused datagram',
      timeoutMs: 5_000,
      intervalMs: 20,
    });
    const refusals = diagnostics.warnings.filter((warning) => warning.includes('ECONNREFUSED'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain(`udp://127.0.0.1:${port}`);
    expect(refusals[0]).toContain('Fix: start the StatsD daemon');

    statsd = await startStatsd({ protocol: 'udp', port });
    calls.add(7);
    await pipeline.flush();
    await statsd.waitFor('the delta sent after the daemon came up', (peer) => (peer.counterTotal('calls') === 7 ? true : undefined));
    expect(diagnostics.warnings.filter((warning) => warning.includes('ECONNREFUSED'))).toHaveLength(1);
  });

  it('TCP: queues while the daemon is down, reconnects with backoff and delivers every line', async () => {
    const port = await freePort();
    pipeline = statsdPipeline({ port, protocol: 'tcp' }, { tcpLimits: FAST_TCP });
    const calls = pipeline.meter.createCounter('calls');
    const level = pipeline.meter.createUpDownCounter('level');
    calls.add(2);
    level.add(-4);
    await pipeline.flush();
    calls.add(3);
    await pipeline.flush();
    await pollUntil(() => Promise.resolve(diagnostics.warnings.some((w) => w.includes('ECONNREFUSED')) ? true : undefined), {
      what: 'the connection refusal warning',
      timeoutMs: 5_000,
      intervalMs: 20,
    });

    statsd = await startStatsd({ protocol: 'tcp', port });
    await statsd.waitFor('the queued counter lines', (peer) => (peer.counterTotal('calls') === 5 ? true : undefined));
    expect(statsd.gauge('level')).toBe(-4);
    expect(pipeline.exporter.stats().droppedLines).toBe(0);
    calls.add(1);
    await pipeline.flush();
    await statsd.waitFor('a line on the new connection', (peer) => (peer.counterTotal('calls') === 6 ? true : undefined));
    expect(diagnostics.warnings.filter((w) => w.includes('ECONNREFUSED'))).toHaveLength(1);
  });

  it('TCP: reconnects after the daemon restarts on the same port', async () => {
    statsd = await startStatsd({ protocol: 'tcp' });
    const port = statsd.port;
    pipeline = statsdPipeline({ port, protocol: 'tcp' }, { tcpLimits: FAST_TCP });
    const calls = pipeline.meter.createCounter('calls');
    calls.add(1);
    await pipeline.flush();
    await statsd.waitFor('first line', (peer) => (peer.counterTotal('calls') === 1 ? true : undefined));
    await statsd.stop();
    statsd = await startStatsd({ protocol: 'tcp', port });
    // The first write after a restart may go to the dead connection and be lost (TCP cannot
    // tell); keep recording until the new daemon sees lines again.
    const restarted = statsd;
    await pollUntil(
      async () => {
        calls.add(1);
        await pipeline!.flush();
        return restarted.counterTotal('calls') > 0 ? true : undefined;
      },
      { what: 'lines on the restarted daemon', timeoutMs: 10_000, intervalMs: 50 },
    );
  });

  it('TCP: a daemon that stops reading costs bounded memory, drops the oldest lines with one warning, never blocks', async () => {
    const server = net.createServer((socket) => {
      socket.pause(); // accepts, never reads: the kernel buffers fill, then ours
      sockets.push(socket);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    pipeline = statsdPipeline({ port, protocol: 'tcp' }, { tcpLimits: { ...FAST_TCP, flushTimeoutMs: 50, maxQueueBytes: 256 * 1024 } });
    const calls = pipeline.meter.createCounter('calls');
    const tools = Array.from({ length: 2000 }, (_, i) => ({ 'mcp.tool.name': `tool_${'x'.repeat(40)}_${i}` }));
    calls.add(1);
    await pipeline.flush();
    await pollUntil(() => Promise.resolve(sockets.length === 1 ? true : undefined), { what: 'the connection', timeoutMs: 5_000, intervalMs: 10 });
    await pollUntil(
      async () => {
        for (const attributes of tools) calls.add(1, attributes);
        await pipeline!.flush(); // bounded: forceFlush waits at most flushTimeoutMs for the slow peer
        return pipeline!.exporter.stats().droppedLines > 0 ? true : undefined;
      },
      { what: 'the bounded queue to overflow', timeoutMs: 60_000, intervalMs: 0 },
    );
    // Connected all along: the kernel buffers filled first, then the bounded queue.
    expect(sockets).toHaveLength(1);
    expect(pipeline.exporter.stats().sentPayloads).toBeGreaterThan(0);
    const warnings = diagnostics.warnings.filter((w) => w.includes('queue'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('oldest are dropped');
  });

  it('looks the host up once, and again after a failure', async () => {
    statsd = await startStatsd({ protocol: 'udp' });
    const lookups: string[] = [];
    let fail = false;
    const lookup = (host: string): Promise<LookupAddress[]> => {
      lookups.push(host);
      if (fail) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
      return Promise.resolve([
        { address: '::1', family: 6 },
        { address: '127.0.0.1', family: 4 },
      ]);
    };
    pipeline = statsdPipeline({ host: 'statsd.test', port: statsd.port }, { lookup });
    const calls = pipeline.meter.createCounter('calls');
    for (let i = 0; i < 3; i++) {
      calls.add(1);
      await pipeline.flush();
    }
    await statsd.waitFor('3 calls over IPv4', (peer) => (peer.counterTotal('calls') === 3 ? true : undefined));
    expect(lookups).toEqual(['statsd.test']);

    // The daemon goes away: the refusal drops the cached address; the next lookup fails too.
    const port = statsd.port;
    await statsd.stop();
    statsd = undefined;
    calls.add(1);
    await pipeline.flush();
    await pollUntil(() => Promise.resolve(pipeline!.exporter.stats().refusedDatagrams > 0 ? true : undefined), {
      what: 'the refusal',
      timeoutMs: 5_000,
      intervalMs: 20,
    });
    fail = true;
    calls.add(1);
    await pipeline.flush();
    expect(lookups).toEqual(['statsd.test', 'statsd.test']);
    expect(pipeline.exporter.stats().droppedLines).toBe(1);
    expect(diagnostics.warnings.filter((w) => w.includes('ENOTFOUND'))).toEqual([
      expect.stringContaining('check the StatsD host name'),
    ]);

    // Resolvable again: found anew, delivered.
    fail = false;
    statsd = await startStatsd({ protocol: 'udp', port });
    calls.add(5);
    await pipeline.flush();
    await statsd.waitFor('the line after the address was refreshed', (peer) => (peer.counterTotal('calls') === 5 ? true : undefined));
    expect(lookups).toHaveLength(3);
  });

  it('calls the export callback after shutdown, with a failure', async () => {
    pipeline = statsdPipeline({ port: await freePort() });
    const exporter = pipeline.exporter;
    await pipeline.shutdown();
    pipeline = undefined;
    const result = await new Promise((resolve) => exporter.export({ resource: {} as never, scopeMetrics: [] }, resolve));
    expect(result).toMatchObject({ code: 1 });
  });
});
