import { ConfigError } from '../../../src/config/config-error.js';
import { startBrowserMetrics } from '../../../src/platform/browser/start-browser-metrics.js';

// Issue 15 item 1: the browser build refuses what needs Node, each ask named with the fix.
describe('startMetrics of the browser build', () => {
  it('rejects every Node-only ask at once with a ConfigError naming each setting', async () => {
    const started = startBrowserMetrics(
      {
        exporters: [{ type: 'otlp' }, { type: 'prometheus' }, { type: 'statsd' }, { type: 'file', path: 'm.jsonl' }],
        health: { port: 8081 },
        runtime: true,
        shutdownOnSignals: true,
        retention: { maxAge: '15m' },
      },
      { configFile: 'mcp-otel.yaml', env: { OTEL_METRICS_EXPORTER: 'otlp' } },
    );
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    const error = (await started.catch((e: unknown) => e)) as ConfigError;
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'configFile',
      'env',
      'exporters[1].type',
      'exporters[2].type',
      'exporters[3].type',
      'health',
      'runtime',
      'shutdownOnSignals',
      'retention',
    ]);
    expect(error.message).toContain('exporters[1].type: the prometheus exporter needs Node.js and is not in the browser build of @mcp-otel/sdk; use otlp or console');
    expect(error.message).toContain('configFile: a config file needs Node.js');
  });

  it('defaults to OTLP, without health endpoints or runtime metrics', async () => {
    // Disabled, so nothing is sent to the default endpoint (a fixed port on this machine).
    const handle = await startBrowserMetrics({ enabled: false });
    expect(handle.config.exporters.map((exporter) => exporter.type)).toEqual(['otlp']);
    expect(handle.config.health.enabled).toBe(false);
    expect(handle.config.runtime).toBe(false);
    expect(handle.endpoints).toEqual({});
  });

  it('writes the console exporter to the console', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      const handle = await startBrowserMetrics({ exporters: [{ type: 'console', format: 'json' }], registerGlobal: false, collectionInterval: '1h' });
      handle.counter('jobs.done').increment(3);
      await handle.shutdown();
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('\n')).toContain('jobs.done');
  });
});
