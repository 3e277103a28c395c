import { ManualClock } from '../../src/clock/manual-clock';
import type { MetricsConfig } from '../../src/config/types';
import type { MetricsHandle } from '../../src/metrics-handle';
import { startMetrics } from '../../src/start';
import { freePort } from '../peers/free-port';
import { httpRequest } from '../peers/http-request';

const QUIET: MetricsConfig['health'] = { exporters: { enabled: false }, eventLoopDelay: { enabled: false }, heap: { enabled: false } };

async function start(config: MetricsConfig = {}, clock = new ManualClock(Date.parse('2026-12-03T10:00:00Z'))): Promise<{ handle: MetricsHandle; clock: ManualClock; url: (path: string) => string }> {
  const handle = await startMetrics(
    { registerGlobal: false, exporters: [{ type: 'prometheus', port: 0 }], ...config, health: { ...QUIET, ...config.health } },
    { env: {}, clock },
  );
  const base = handle.endpoints.health!.replace(/\/health$/, '');
  return { handle, clock, url: (path) => `${base}${path}` };
}

const get = async (url: string, method = 'GET') => {
  const response = await httpRequest(url, { method });
  return { status: response.status, body: response.body.toString('utf8'), type: response.headers['content-type'] };
};

describe('health endpoints (/livez, /readyz, /health)', () => {
  let handle: MetricsHandle | undefined;
  afterEach(async () => {
    await handle?.shutdown();
    handle = undefined;
  });

  it('serves them beside /metrics: livez ok, readyz ok, health JSON with every check', async () => {
    const started = await start();
    handle = started.handle;
    handle.health.register('db', () => ({ status: 'healthy', message: 'ping ok', details: { latencyMs: 3 } }));
    expect(handle.endpoints.health).toBe(handle.endpoints.prometheus!.replace('/metrics', '/health'));
    expect(await get(started.url('/livez'))).toMatchObject({ status: 200, body: 'ok\n' });
    expect(await get(started.url('/readyz'))).toMatchObject({ status: 200, body: 'ok\n' });
    expect(await get(started.url('/readyz?verbose'))).toMatchObject({ status: 200, body: '[+]db ok\nreadyz check passed\n' });
    const health = await get(started.url('/health'));
    expect(health.status).toBe(200);
    expect(health.type).toMatch(/^application\/json/);
    expect(JSON.parse(health.body)).toEqual({
      status: 'healthy',
      checks: [{ name: 'db', status: 'healthy', message: 'ping ok', details: { latencyMs: 3 }, critical: true, durationMs: 0, checkedAt: '2026-12-03T10:00:00.000Z', cached: true }],
    });
    expect((await get(started.url('/metrics'))).status).toBe(200);
    expect(await get(started.url('/health'), 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  it('answers 503 on /readyz and /health when a critical check fails, naming it', async () => {
    const started = await start();
    handle = started.handle;
    handle.health.register('db', () => {
      throw new Error('connection refused');
    });
    handle.health.register('cache', () => 'healthy');
    expect(await get(started.url('/readyz'))).toEqual({ status: 503, type: 'text/plain; charset=utf-8', body: '[-]db failed: connection refused\n[+]cache ok\nreadyz check failed\n' });
    expect(await get(started.url('/readyz?exclude=db'))).toMatchObject({ status: 200 });
    const health = JSON.parse((await get(started.url('/health'))).body);
    expect(health).toMatchObject({ status: 'unhealthy', checks: [{ name: 'db', status: 'unhealthy', message: 'connection refused' }, { name: 'cache', status: 'healthy' }] });
    expect((await get(started.url('/livez'))).status).toBe(200);
  });

  it('answers 200 with the details when a non-critical check is degraded (and /readyz ignores it)', async () => {
    const started = await start();
    handle = started.handle;
    handle.health.register('queue', () => ({ status: 'degraded', message: 'backlog 900', details: { backlog: 900 } }), { critical: false });
    handle.health.register('stale-cache', () => 'unhealthy', { critical: false });
    const health = await get(started.url('/health'));
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'degraded', checks: [{ name: 'queue', status: 'degraded', details: { backlog: 900 }, critical: false }, { name: 'stale-cache', status: 'unhealthy' }] });
    expect(await get(started.url('/readyz'))).toMatchObject({ status: 200, body: 'ok\n' });
  });

  it('answers a probe when a hung check reaches its timeout, and never calls the hung check twice', async () => {
    const started = await start({ health: { timeout: '1s', cacheInterval: '5s' } });
    handle = started.handle;
    let calls = 0;
    handle.health.register('hung', () => {
      calls++;
      return new Promise<never>(() => undefined);
    });
    const probe = get(started.url('/readyz'));
    await waitFor(() => started.clock.pending === 1); // the run started: its timeout is scheduled
    await started.clock.advance(1_000);
    expect(await probe).toEqual({ status: 503, type: 'text/plain; charset=utf-8', body: '[-]hung failed: timed out after 1000 ms\nreadyz check failed\n' });
    await started.clock.advance(5_000);
    const again = get(started.url('/readyz'));
    await waitFor(() => started.clock.pending === 1);
    await started.clock.advance(1_000);
    expect((await again).body).toContain('still running');
    expect(calls).toBe(1);
  });

  it('runs a check at most once per cache interval under a burst of 1000 probes', async () => {
    const started = await start({ health: { cacheInterval: '5s' } });
    handle = started.handle;
    let runs = 0;
    handle.health.register('counted', () => {
      runs++;
      return 'healthy';
    });
    const burst = async (probes: number) => {
      for (let wave = 0; wave < probes / 50; wave++) await Promise.all(Array.from({ length: 50 }, () => get(started.url(wave % 2 === 0 ? '/readyz' : '/health'))));
    };
    await burst(1000);
    expect(runs).toBe(1);
    await started.clock.advance(4_999);
    await burst(100);
    expect(runs).toBe(1);
    await started.clock.advance(1);
    await burst(100);
    expect(runs).toBe(2);
  });

  it('serves health on its own server, without Prometheus', async () => {
    handle = await startMetrics({ registerGlobal: false, exporters: [], health: { ...QUIET, port: 0 } }, { env: {}, clock: new ManualClock(0) });
    expect(handle.endpoints.prometheus).toBeUndefined();
    const base = handle.endpoints.health!.replace(/\/health$/, '');
    expect(await get(`${base}/livez`)).toMatchObject({ status: 200, body: 'ok\n' });
    expect(JSON.parse((await get(`${base}/health`)).body)).toEqual({ status: 'healthy', checks: [] });
    expect((await get(`${base}/metrics`)).status).toBe(404);
  });

  it('exports health as metrics: a status state set per check and a duration histogram', async () => {
    const started = await start();
    handle = started.handle;
    handle.health.register('db', () => ({ status: 'degraded' }));
    await handle.health.check();
    const metrics = (await get(started.url('/metrics'))).body;
    expect(metrics).toContain('mcp_otel_health_check_status{mcp_otel_health_check_name="db",mcp_otel_health_status="degraded",otel_scope_name="@mcp-otel/sdk/health"} 1');
    expect(metrics).toContain('mcp_otel_health_check_status{mcp_otel_health_check_name="db",mcp_otel_health_status="healthy",otel_scope_name="@mcp-otel/sdk/health"} 0');
    expect(metrics).toMatch(/mcp_otel_health_check_duration_seconds_count\{mcp_otel_health_check_name="db",otel_scope_name="@mcp-otel\/sdk\/health"\} 1/);
  });

  it('refuses a second check of the same name, and removes a check', async () => {
    const started = await start();
    handle = started.handle;
    const remove = handle.health.register('db', () => 'healthy');
    expect(() => handle!.health.register('db', () => 'healthy')).toThrow('already registered');
    remove();
    expect((await handle.health.check()).checks).toEqual([]);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error('condition not reached');
}

describe('health endpoints when their port cannot be used', () => {
  it('falls back to serving beside /metrics when health.port is the Prometheus port (a problem, not strict)', async () => {
    const port = await freePort();
    const handle = await startMetrics({ registerGlobal: false, exporters: [{ type: 'prometheus', port }], health: { ...QUIET, port } }, { env: {} });
    try {
      expect(handle.problems.map((problem) => problem.where)).toEqual(['health.port']);
      expect(handle.endpoints.health).toBe(`http://127.0.0.1:${port}/health`);
      expect((await get(handle.endpoints.health!)).status).toBe(200);
    } finally {
      await handle.shutdown();
    }
  });

  it('reports a taken health port as a listen problem, and rejects in strict mode', async () => {
    const blocker = await startMetrics({ registerGlobal: false, exporters: [], health: { ...QUIET, port: 0 } }, { env: {} });
    const port = Number(new URL(blocker.endpoints.health!).port);
    try {
      const handle = await startMetrics({ registerGlobal: false, exporters: [], health: { ...QUIET, port } }, { env: {} });
      expect(handle.problems).toEqual([expect.objectContaining({ kind: 'listen', where: `127.0.0.1:${port}`, message: expect.stringContaining('cannot serve the health endpoints on 127.0.0.1') })]);
      expect(handle.problems[0]!.message).toContain('Set health.port (or MCP_OTEL_HEALTH_PORT)');
      expect(handle.endpoints.health).toBeUndefined();
      await handle.shutdown();
      await expect(startMetrics({ strict: true, registerGlobal: false, exporters: [], health: { ...QUIET, port } }, { env: {} })).rejects.toThrow('cannot serve the health endpoints');
    } finally {
      await blocker.shutdown();
    }
  });
});
