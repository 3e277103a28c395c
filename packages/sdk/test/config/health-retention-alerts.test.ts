import { linesOf, resolve } from './helpers.js';

describe('resolveConfig: health, retention, alerts', () => {
  it('takes the health server from env where the config object leaves it unset', () => {
    expect(resolve({ env: { MCP_OTEL_HEALTH_PORT: '9465', MCP_OTEL_HEALTH_HOST: '0.0.0.0' } }).health.server).toEqual({ host: '0.0.0.0', port: 9465 });
    expect(resolve({ config: { health: { port: 0 } }, env: { MCP_OTEL_HEALTH_PORT: '9465' } }).health.server).toEqual({ host: '127.0.0.1', port: 0 });
    expect(linesOf({ env: { MCP_OTEL_HEALTH_PORT: 'abc' } })).toEqual(['env MCP_OTEL_HEALTH_PORT: got "abc", expected an integer 0..65535']);
  });

  it('refuses a health port a Prometheus exporter already uses', () => {
    expect(linesOf({ config: { health: { port: 9464 } } })).toEqual([
      'health.port: the health server on 127.0.0.1:9464 clashes with the prometheus exporter on that port; leave health.port unset to serve health beside /metrics, or pick another port',
    ]);
  });

  it('resolves checks, durations and the exporter maxAge from the collection interval', () => {
    const { health } = resolve({ config: { collectionInterval: '10s', health: { cacheInterval: '1s', exporters: { critical: true }, heap: { limit: 0.5 }, transport: { enabled: false } } } });
    expect(health).toMatchObject({ cacheMs: 1_000, exporters: { enabled: true, critical: true, maxAgeMs: 30_000 }, heap: { limit: 0.5 }, transport: { enabled: false } });
    expect(linesOf({ config: { health: { heap: { limit: 2 } } } })).toEqual(['health.heap.limit: got 2, expected a number 0..1']);
  });

  it('sizes the history from retention, or from the rules when retention is unset', () => {
    expect(resolve({ config: { retention: { maxAge: '15m' }, cardinalityLimit: 500 } }).retention).toEqual({ maxAgeMs: 900_000, resolutionMs: 15_000, maxSeries: 500, pointsPerSeries: 61 });
    const rules = [{ name: 'R', severity: 'info', expr: { type: 'rate' as const, metric: 'x', window: '5m', threshold: 1 } }];
    expect(resolve({ config: { alerts: { evaluationInterval: '30s', rules } } })).toMatchObject({
      retention: { maxAgeMs: 330_000, resolutionMs: 30_000, pointsPerSeries: 12 },
      alerts: { evaluationIntervalMs: 30_000, resendDelayMs: 60_000, notify: [{ type: 'console', name: 'console' }], group: { by: ['alertname'], waitMs: 0, intervalMs: 60_000, repeatIntervalMs: 14_400_000 } },
    });
    expect(resolve({ config: { alerts: { rules: [] } } })).toMatchObject({ retention: undefined, alerts: undefined });
  });

  it('names notifiers by type, numbered from the second of a type, and fills their defaults', () => {
    const rules = [{ name: 'R', severity: 'info', expr: { type: 'value' as const, metric: 'x', threshold: 1 } }];
    const { alerts } = resolve({ config: { alerts: { rules, notify: [{ type: 'webhook', url: 'https://a.example/h' }, { type: 'webhook', url: 'https://b.example/h', secret: 'k' }, { type: 'alertmanager', url: 'http://127.0.0.1:9093' }] } } });
    expect(alerts!.notify).toEqual([
      { type: 'webhook', name: 'webhook', url: 'https://a.example/h', headers: {}, timeoutMs: 10_000, retries: 3, backoffMs: 1_000, secret: undefined, signatureHeader: 'X-MCP-OTel-Signature' },
      { type: 'webhook', name: 'webhook-2', url: 'https://b.example/h', headers: {}, timeoutMs: 10_000, retries: 3, backoffMs: 1_000, secret: 'k', signatureHeader: 'X-MCP-OTel-Signature' },
      { type: 'alertmanager', name: 'alertmanager', url: 'http://127.0.0.1:9093', headers: {}, timeoutMs: 10_000 },
    ]);
  });

});
