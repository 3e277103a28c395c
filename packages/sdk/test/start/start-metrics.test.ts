import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { diag, DiagLogLevel, metrics as otelMetrics } from '@opentelemetry/api';
import { ConfigError, metrics, startMetrics } from '@mcp-otel/sdk';
import type { MetricsHandle } from '@mcp-otel/sdk';

const handles: MetricsHandle[] = [];
async function start(...args: Parameters<typeof startMetrics>): Promise<MetricsHandle> {
  const handle = await startMetrics(...args);
  handles.push(handle);
  return handle;
}

const promOnly = { exporters: [{ type: 'prometheus' as const, port: 0 }] };
const noEnv = { env: {} };

async function scrape(handle: MetricsHandle): Promise<string> {
  const response = await fetch(handle.endpoints.prometheus!);
  expect(response.status).toBe(200);
  return response.text();
}

afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.shutdown()));
  diag.disable();
});

describe('startMetrics', () => {
  it('serves facade and raw OTel metrics with the resource on the Prometheus endpoint', async () => {
    const handle = await start({ serviceName: 'start-test', serviceVersion: '9.9.9', ...promOnly }, noEnv);
    expect(handle.endpoints.prometheus).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    handle.counter('demo.calls', { tool: 'echo' }).increment(2);
    handle.meter().createHistogram('demo.latency', { unit: 's', advice: { explicitBucketBoundaries: [0.1, 1] } }).record(0.5);
    const text = await scrape(handle);
    expect(text).toContain('demo_calls_total{tool="echo",otel_scope_name="@mcp-otel/sdk/app"} 2');
    expect(text).toMatch(/demo_latency_seconds_bucket\{[^}]*le="1"\} 1/);
    expect(text).toMatch(/target_info\{[^}]*service_name="start-test"[^}]*\} 1/);
    expect(text).toMatch(/service_version="9\.9\.9"/);
  });

  it('registers globally, binds the module-level facade, and undoes both on shutdown', async () => {
    const early = metrics.counter('facade.early');
    early.increment(); // before start: dropped, never thrown
    const handle = await start({ serviceName: 'global-test', ...promOnly }, noEnv);
    expect(otelMetrics.getMeterProvider()).toBe(handle.meterProvider);
    early.increment(3);
    expect(await scrape(handle)).toMatch(/facade_early_total\{[^}]*\} 3/);
    const url = handle.endpoints.prometheus!;
    await handle.shutdown();
    await handle.shutdown(); // idempotent
    expect(otelMetrics.getMeterProvider()).not.toBe(handle.meterProvider);
    await expect(fetch(url)).rejects.toThrow();
    early.increment(); // after shutdown: a no-op again
  });

  it('does not take over a global provider that is already registered, and says so once, without a stack trace', async () => {
    const diagnostics: string[] = [];
    const record = (message: string) => void diagnostics.push(message);
    diag.setLogger({ ...silentLogger(), warn: record, error: record }, DiagLogLevel.WARN);
    const stderr: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => stderr.push(String(chunk)) > 0);
    try {
      const first = await start({ ...promOnly }, noEnv);
      const second = await start({ ...promOnly }, noEnv);
      expect(otelMetrics.getMeterProvider()).toBe(first.meterProvider);
      expect(second.problems).toEqual([expect.objectContaining({ kind: 'global', where: 'registerGlobal' })]);
      expect(stderr.filter((line) => line.includes('a global MeterProvider is already registered'))).toHaveLength(1);
      // OTel's own refusal (an error with a stack trace) never happened: the SDK asked first.
      expect(diagnostics).toEqual([]);
      second.counter('only.second').increment();
      expect(await scrape(second)).toContain('only_second_total');
    } finally {
      spy.mockRestore();
    }
  });

  it('serves the facade description as HELP for every kind (issue 9: "description missing")', async () => {
    const handle = await start({ ...promOnly, registerGlobal: false }, noEnv);
    handle.counter('help.calls', {}, { description: 'Calls made' }).increment();
    handle.upDownCounter('help.inflight', {}, { description: 'Calls in flight' }).add(1);
    handle.gauge('help.temp', {}, { description: 'Room temperature' }).set(20);
    handle.histogram('help.size', {}, { description: 'Payload size', unit: 'By' }).record(3);
    handle.summary('help.payload', {}, { description: 'Payload summary' }).record(3);
    handle.timer('help.wait', {}, { description: 'Time waited' }).stop();
    const help = (await scrape(handle)).split('\n').filter((line) => line.startsWith('# HELP help_'));
    expect(help).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^# HELP help_calls(_total)? Calls made$/),
        expect.stringMatching(/^# HELP help_inflight Calls in flight$/),
        expect.stringMatching(/^# HELP help_temp Room temperature$/),
        expect.stringMatching(/^# HELP help_size(_bytes)? Payload size$/),
        expect.stringMatching(/^# HELP help_payload Payload summary$/),
        expect.stringMatching(/^# HELP help_wait(_seconds)? Time waited$/),
      ]),
    );
    expect(help).toHaveLength(6);
  });

  it('leaves the global provider alone with registerGlobal: false', async () => {
    const handle = await start({ ...promOnly, registerGlobal: false }, noEnv);
    expect(otelMetrics.getMeterProvider()).not.toBe(handle.meterProvider);
  });

  it('rejects invalid config with a ConfigError that lists every problem in strict mode', async () => {
    const error: unknown = await startMetrics({ strict: true, samplingRate: 2, collectionIntervall: '5s' } as never, noEnv).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const messages = (error as ConfigError).issues.map((issue) => issue.path);
    expect(messages).toEqual(expect.arrayContaining(['samplingRate', 'collectionIntervall']));
    expect((error as ConfigError).message).toContain('did you mean "collectionInterval"?');
  });

  it('returns a no-op handle when OTEL_SDK_DISABLED=true: nothing served, nothing registered', async () => {
    const handle = await start({ ...promOnly }, { env: { OTEL_SDK_DISABLED: 'true' } });
    expect(handle.endpoints).toEqual({});
    expect(otelMetrics.getMeterProvider()).not.toBe(handle.meterProvider);
    handle.counter('ignored').increment();
    handle.histogram('ignored.h').record(1);
    await handle.forceFlush();
  });

  it('rejects with the address and the fix when the Prometheus port is taken in strict mode, leaving nothing behind', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      await expect(startMetrics({ strict: true, exporters: [{ type: 'prometheus', port }] }, noEnv)).rejects.toThrow(`127.0.0.1:${port}: the port is already in use`);
      expect(otelMetrics.getMeterProvider().constructor.name).toBe('NoopMeterProvider');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('takes exporters from OTEL_METRICS_EXPORTER and writes the console exporter to stderr only', async () => {
    const stdout = jest.spyOn(process.stdout, 'write');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const handle = await start(undefined, { env: { OTEL_METRICS_EXPORTER: 'console', OTEL_SERVICE_NAME: 'env-named' } });
      expect(handle.config.serviceName).toBe('env-named');
      expect(handle.endpoints).toEqual({});
      handle.counter('console.calls').increment(4);
      await handle.forceFlush();
      await handle.shutdown(); // its final export must land in the mock too
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr.mock.calls.map(([chunk]) => String(chunk)).join('')).toMatch(/console\.calls +4/);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  it('samples histograms below rate 1 and scales them back in the export', async () => {
    const handle = await start({ ...promOnly, samplingRate: 0.25, registerGlobal: false }, noEnv);
    const n = 40_000;
    const histogram = handle.histogram('sampled.latency', undefined, { buckets: [1] });
    const counter = handle.counter('sampled.calls');
    for (let i = 0; i < n; i++) {
      histogram.record(0.5);
      counter.increment();
    }
    const text = await scrape(handle);
    expect(text).toMatch(new RegExp(`sampled_calls_total\\{[^}]*\\} ${n}\\n`));
    const count = Number(/sampled_latency_count\{[^}]*\} (\d+)/.exec(text)?.[1]);
    const sigma = Math.sqrt((n * (1 - 0.25)) / 0.25);
    expect(Math.abs(count - n)).toBeLessThan(4 * sigma);
    expect(count).not.toBe(n); // it really sampled: an exact count would mean no sampling happened
  });

  it('serves summaries to Prometheus as classic histograms with exponential bounds', async () => {
    const handle = await start({ ...promOnly, registerGlobal: false }, noEnv);
    const summary = handle.summary('tool.latency', undefined, { unit: 's' });
    for (let i = 1; i <= 100; i++) summary.record(i / 100);
    const text = await scrape(handle);
    const buckets = text.split('\n').filter((line) => line.startsWith('tool_latency_seconds_bucket'));
    expect(buckets.length).toBeGreaterThan(20);
    expect(text).toMatch(/tool_latency_seconds_count\{[^}]*\} 100/);
    expect(text).toMatch(/tool_latency_seconds_bucket\{[^}]*le="\+Inf"\} 100/);
  });
});

function silentLogger() {
  const noop = () => undefined;
  return { error: noop, warn: noop, info: noop, debug: noop, verbose: noop };
}
