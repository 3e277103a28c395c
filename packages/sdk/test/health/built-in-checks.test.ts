import { PassThrough } from 'node:stream';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { instrumentTransport } from '@mcp-otel/instrumentation';
import { ManualClock } from '../../src/clock/manual-clock';
import { exporterCheck } from '../../src/health/checks/exporter-check';
import { ExporterStatusBoard } from '../../src/health/exporter-status';
import type { HealthCheckResult } from '../../src/health/health-types';
import { startMetrics } from '../../src/start';
import { createEventLoopCheck } from '../../src/platform/node/event-loop-check';
import type { DelayHistogram } from '../../src/platform/node/event-loop-check';
import { createHeapCheck } from '../../src/platform/node/heap-check';
import { freePort } from '../peers/free-port';

const run = async (check: () => unknown): Promise<HealthCheckResult> => (await check()) as HealthCheckResult;

describe('exporterCheck', () => {
  const clock = new ManualClock(0);
  const board = new ExporterStatusBoard(() => clock.now());

  it('judges a push exporter by its last export and how long ago one succeeded', async () => {
    const status = board.add('otlp', 'push');
    const check = exporterCheck(() => status, () => clock.now(), 180_000);
    expect(await run(check)).toMatchObject({ status: 'healthy', message: 'no export yet' });
    await clock.advance(60_000);
    board.succeeded(status);
    expect(await run(check)).toMatchObject({ status: 'healthy', message: 'last export 0 s ago' });
    await clock.advance(60_000);
    board.failed(status, new Error('ECONNREFUSED'));
    expect(await run(check)).toMatchObject({ status: 'degraded', message: 'the last export failed: ECONNREFUSED; 1 failure(s) in a row' });
    await clock.advance(180_000);
    board.failed(status, new Error('ECONNREFUSED'));
    expect(await run(check)).toMatchObject({ status: 'unhealthy', message: 'no successful export for 240 s (limit 180 s): ECONNREFUSED', details: { consecutiveFailures: 2 } });
  });

  it('judges Prometheus by its scrapes', async () => {
    const status = board.add('prometheus', 'pull');
    const check = exporterCheck(() => status, () => clock.now(), 60_000);
    expect(await run(check)).toMatchObject({ status: 'healthy', message: 'not scraped yet' });
    board.succeeded(status);
    expect(await run(check)).toMatchObject({ status: 'healthy' });
    await clock.advance(61_000);
    expect(await run(check)).toMatchObject({ status: 'degraded', message: 'no scrape for 61 s' });
    board.failed(status, 'a scrape answered 500');
    expect(await run(check)).toMatchObject({ status: 'unhealthy', message: 'the last scrape failed: a scrape answered 500' });
  });

  it('names exporters of one type apart', () => {
    const names = new ExporterStatusBoard(() => 0);
    expect([names.add('otlp', 'push').name, names.add('otlp', 'push').name, names.add('statsd', 'push').name]).toEqual(['otlp', 'otlp-2', 'statsd']);
  });
});

describe('startMetrics exporter health', () => {
  it('reports an OTLP exporter whose collector is down, from the export results', async () => {
    const port = await freePort();
    const handle = await startMetrics(
      { registerGlobal: false, exporters: [{ type: 'otlp', endpoint: `http://127.0.0.1:${port}/v1/metrics`, timeout: '1s' }], health: { port: 0, eventLoopDelay: { enabled: false }, heap: { enabled: false } } },
      { env: {} },
    );
    try {
      handle.counter('jobs').increment();
      await handle.forceFlush();
      const report = await handle.health.check();
      expect(report.checks).toEqual([expect.objectContaining({ name: 'exporter:otlp', status: 'unhealthy', critical: false })]);
      expect(report.checks[0]!.message).toMatch(/^no successful export since start/);
      expect(report.status).toBe('degraded');
      expect((await handle.health.ready()).status).toBe('healthy');
    } finally {
      await handle.shutdown();
    }
  });
});

describe('event-loop and heap checks', () => {
  const histogram = (p99Ns: number): DelayHistogram & { resets: number } => ({
    resets: 0,
    count: 50,
    enable: () => true,
    disable: () => true,
    reset() {
      this.resets++;
    },
    percentile: () => p99Ns,
  });

  it('compares the p99 event-loop delay since the last check with the limit', async () => {
    const slow = histogram(620e6);
    const { check } = createEventLoopCheck(500, slow);
    expect(await run(check)).toEqual({ status: 'unhealthy', message: 'p99 event-loop delay 620 ms (limit 500 ms)', details: { p99Ms: 620, limitMs: 500, samples: 50 } });
    expect(slow.resets).toBe(1);
    expect(await run(createEventLoopCheck(500, histogram(12.34e6)).check)).toMatchObject({ status: 'healthy', details: { p99Ms: 12.3 } });
  });

  it('sees a real blocked event loop', async () => {
    const { check, stop } = createEventLoopCheck(40);
    try {
      await new Promise((resolve) => setTimeout(resolve, 30));
      const end = Date.now() + 120;
      while (Date.now() < end) {
        // block the event loop, as a runaway synchronous handler would
      }
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(await run(check)).toMatchObject({ status: 'unhealthy' });
    } finally {
      stop();
    }
  });

  it('compares heap used with a fraction of the V8 heap limit', async () => {
    const stats = (used: number) => () => ({ used_heap_size: used, heap_size_limit: 1_000 * 1_048_576 });
    expect(await run(createHeapCheck(0.9, stats(950 * 1_048_576)))).toMatchObject({ status: 'unhealthy', message: 'heap 950 MiB of 1000 MiB (95 %, limit 90 %)' });
    expect(await run(createHeapCheck(0.9, stats(100 * 1_048_576)))).toMatchObject({ status: 'healthy', details: { usedFraction: 0.1 } });
    expect(await run(createHeapCheck(0.9))).toMatchObject({ status: 'healthy' });
  });
});

describe('MCP transport check', () => {
  it('follows a real instrumented stdio transport: healthy while open, unhealthy once it closed', async () => {
    const handle = await startMetrics(
      { registerGlobal: false, exporters: [], retention: { maxAge: '1m' }, health: { exporters: { enabled: false }, eventLoopDelay: { enabled: false }, heap: { enabled: false }, cacheInterval: 0 } },
      { env: {}, clock: new ManualClock(0) },
    );
    try {
      expect((await handle.health.check()).checks).toEqual([expect.objectContaining({ name: 'mcp-transport', status: 'healthy', message: 'no MCP transport instrumented' })]);
      const server = new McpServer({ name: 'health-test', version: '1.0.0' });
      await server.connect(instrumentTransport(new StdioServerTransport(new PassThrough(), new PassThrough()), { meterProvider: handle.meterProvider }));
      expect((await handle.health.check()).checks[0]).toMatchObject({ status: 'healthy', message: 'open transports: stdio: 1' });
      await server.close();
      expect((await handle.health.check()).checks[0]).toMatchObject({ status: 'unhealthy', message: 'the stdio transport closed (open transports: stdio: 0)' });
    } finally {
      await handle.shutdown();
    }
  });
});
