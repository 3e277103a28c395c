import { CONSOLE_DEFAULTS } from '../../src/config/exporters/console.js';
import { OTLP_DEFAULTS } from '../../src/config/exporters/otlp.js';
import { PROMETHEUS_DEFAULTS } from '../../src/config/exporters/prometheus.js';
import { CONFIG_DEFAULTS } from '../../src/config/normalize.js';
import { resolve } from './helpers.js';

describe('resolveConfig defaults', () => {
  it('resolves an empty config to the documented defaults', () => {
    expect(resolve()).toEqual({
      enabled: true,
      serviceName: 'unknown_service:node',
      serviceVersion: undefined,
      resourceAttributes: {},
      collectionIntervalMs: 60_000,
      exporters: [{ type: 'prometheus', host: '127.0.0.1', port: 9464, path: '/metrics', maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000, auth: undefined, tls: undefined, allowUnauthenticated: false, withoutUnits: false }],
      samplingRate: 1,
      components: {},
      cardinalityLimit: 2000,
      registerGlobal: true,
      shutdownOnSignals: false,
      shutdownTimeoutMs: 5000,
      strict: false,
      runtime: true,
      health: {
        enabled: true,
        server: undefined,
        cacheMs: 5_000,
        timeoutMs: 2_000,
        exporters: { enabled: true, critical: false, maxAgeMs: 180_000 },
        eventLoopDelay: { enabled: true, critical: false, limitMs: 500 },
        heap: { enabled: true, critical: false, limit: 0.9 },
        transport: { enabled: undefined, critical: false },
      },
      retention: undefined,
      alerts: undefined,
    });
  });

  it('fills every exporter field with its documented default', () => {
    expect(resolve({ config: { exporters: [{ type: 'prometheus' }, { type: 'otlp' }, { type: 'console' }] } }).exporters).toEqual([
      { type: 'prometheus', host: '127.0.0.1', port: 9464, path: '/metrics', maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000, auth: undefined, tls: undefined, allowUnauthenticated: false, withoutUnits: false },
      {
        type: 'otlp',
        endpoint: 'http://localhost:4318/v1/metrics',
        protocol: 'http/protobuf',
        headers: {},
        timeoutMs: 10_000,
        compression: 'none',
        temporality: 'cumulative',
      },
      { type: 'console', format: 'table' },
    ]);
  });

  it('keeps falsy values instead of replacing them with defaults', () => {
    const resolved = resolve({
      config: { enabled: false, registerGlobal: false, samplingRate: 0, exporters: [{ type: 'prometheus', port: 0 }], components: { mcp: { enabled: false, samplingRate: 0 } } },
    });
    expect(resolved).toMatchObject({ enabled: false, registerGlobal: false, samplingRate: 0, exporters: [{ port: 0 }] });
    expect(resolved.components.mcp).toEqual({ enabled: false, samplingRate: 0, histogramBuckets: undefined, attributes: undefined });
  });

  it("falls back to the global samplingRate for a component's", () => {
    const resolved = resolve({ config: { samplingRate: 0.1, components: { mcp: {}, transport: { samplingRate: 0.9 } } } });
    expect(resolved.components.mcp?.samplingRate).toBe(0.1);
    expect(resolved.components.transport?.samplingRate).toBe(0.9);
  });

  it('converts durations to milliseconds', () => {
    const resolved = resolve({ config: { collectionInterval: '1.5m', exporters: [{ type: 'otlp', timeout: '2s' }] } });
    expect(resolved.collectionIntervalMs).toBe(90_000);
    expect(resolved.exporters[0]).toMatchObject({ timeoutMs: 2000 });
  });

  it('does not share arrays or maps with the input', () => {
    const buckets = [1, 2];
    const headers = { 'x-a': '1' };
    const attributes = { team: 'a' };
    const resolved = resolve({ config: { resourceAttributes: attributes, components: { mcp: { histogramBuckets: buckets } }, exporters: [{ type: 'otlp', headers }] } });
    buckets.push(3);
    headers['x-a'] = 'changed';
    attributes.team = 'changed';
    expect(resolved.components.mcp?.histogramBuckets).toEqual([1, 2]);
    expect(resolved.exporters[0]).toMatchObject({ headers: { 'x-a': '1' } });
    expect(resolved.resourceAttributes).toEqual({ team: 'a' });
  });

  it('exposes the default constants with the documented values', () => {
    expect(CONFIG_DEFAULTS).toEqual({ enabled: true, serviceName: 'unknown_service:node', collectionIntervalMs: 60_000, samplingRate: 1, cardinalityLimit: 2000, registerGlobal: true, shutdownOnSignals: false, shutdownTimeoutMs: 5000, strict: false, runtime: true });
    expect(PROMETHEUS_DEFAULTS).toEqual({ host: '127.0.0.1', port: 9464, path: '/metrics', maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000, allowUnauthenticated: false, withoutUnits: false });
    expect(OTLP_DEFAULTS).toEqual({ endpoint: 'http://localhost:4318/v1/metrics', protocol: 'http/protobuf', timeoutMs: 10_000, compression: 'none', temporality: 'cumulative' });
    expect(CONSOLE_DEFAULTS).toEqual({ format: 'table' });
  });
});
