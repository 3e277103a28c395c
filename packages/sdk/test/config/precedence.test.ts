import type { ResolvedOtlpExporter } from '../../src/config/resolved-config.js';
import type { MetricsConfig } from '../../src/config/types.js';
import { linesOf, resolve, tempFiles } from './helpers.js';

/** Resolves with a JSON config file holding `file` (written to a temp dir, removed afterwards). */
function withFile(file: object, input: { config?: MetricsConfig; env?: Record<string, string> } = {}) {
  const temp = tempFiles({ 'mcp-otel.json': JSON.stringify(file) });
  try {
    return resolve({ ...input, configFile: temp.path('mcp-otel.json') });
  } finally {
    temp.cleanup();
  }
}

function otlp(exporters: readonly unknown[], index = 0): ResolvedOtlpExporter {
  const exporter = exporters[index] as ResolvedOtlpExporter;
  expect(exporter.type).toBe('otlp');
  return exporter;
}

describe('resolveConfig precedence: object > env > file > default', () => {
  it('takes serviceName from the object, then OTEL_SERVICE_NAME, then the file', () => {
    const env = { OTEL_SERVICE_NAME: 'env' };
    expect(withFile({ serviceName: 'file' }, { config: { serviceName: 'code' }, env }).serviceName).toBe('code');
    expect(withFile({ serviceName: 'file' }, { env }).serviceName).toBe('env');
    expect(withFile({ serviceName: 'file' }).serviceName).toBe('file');
    expect(resolve().serviceName).toBe('unknown_service:node');
  });

  it('lets OTEL_SERVICE_NAME beat service.name in OTEL_RESOURCE_ATTRIBUTES, which beats the file', () => {
    expect(resolve({ env: { OTEL_SERVICE_NAME: 'a', OTEL_RESOURCE_ATTRIBUTES: 'service.name=b' } }).serviceName).toBe('a');
    expect(withFile({ serviceName: 'file' }, { env: { OTEL_RESOURCE_ATTRIBUTES: 'service.name=b' } }).serviceName).toBe('b');
  });

  it('ignores an empty service.name or service.version in OTEL_RESOURCE_ATTRIBUTES', () => {
    expect(withFile({ serviceName: 'file', serviceVersion: '1' }, { env: { OTEL_RESOURCE_ATTRIBUTES: 'service.name=,service.version=' } })).toMatchObject({
      serviceName: 'file',
      serviceVersion: '1',
    });
  });

  it('lets serviceName beat service.name in resourceAttributes of the same layer, and keeps identity out of resourceAttributes', () => {
    const resolved = resolve({ config: { serviceName: 'field', serviceVersion: '2.0.0', resourceAttributes: { 'service.name': 'attr', 'service.version': '1', team: 'a' } } });
    expect(resolved).toMatchObject({ serviceName: 'field', serviceVersion: '2.0.0', resourceAttributes: { team: 'a' } });
    expect(resolve({ config: { resourceAttributes: { 'service.name': 'attr', 'service.version': '1.0.0' } } })).toMatchObject({
      serviceName: 'attr',
      serviceVersion: '1.0.0',
      resourceAttributes: {},
    });
  });

  it('takes serviceVersion from the object, then service.version in OTEL_RESOURCE_ATTRIBUTES, then the file', () => {
    const env = { OTEL_RESOURCE_ATTRIBUTES: 'service.version=env' };
    expect(withFile({ serviceVersion: 'file' }, { config: { serviceVersion: 'code' }, env }).serviceVersion).toBe('code');
    expect(withFile({ serviceVersion: 'file' }, { env }).serviceVersion).toBe('env');
    expect(withFile({ serviceVersion: 'file' }).serviceVersion).toBe('file');
    expect(resolve().serviceVersion).toBeUndefined();
  });

  it('takes collectionInterval from the object, then OTEL_METRIC_EXPORT_INTERVAL, then the file', () => {
    const env = { OTEL_METRIC_EXPORT_INTERVAL: '2000' };
    expect(withFile({ collectionInterval: '3s' }, { config: { collectionInterval: '1s' }, env }).collectionIntervalMs).toBe(1000);
    expect(withFile({ collectionInterval: '3s' }, { env }).collectionIntervalMs).toBe(2000);
    expect(withFile({ collectionInterval: '3s' }).collectionIntervalMs).toBe(3000);
    expect(resolve().collectionIntervalMs).toBe(60_000);
  });

  it('does not read (or validate) an env variable that the object shadows', () => {
    expect(resolve({ config: { collectionInterval: 500 }, env: { OTEL_METRIC_EXPORT_INTERVAL: 'soon' } }).collectionIntervalMs).toBe(500);
    expect(resolve({ config: { exporters: [] }, env: { OTEL_METRICS_EXPORTER: 'zipkin' } }).exporters).toEqual([]);
  });

  it('takes fields without env variables from the object, then the file', () => {
    const file = { samplingRate: 0.5, cardinalityLimit: 10, registerGlobal: false, enabled: false };
    expect(withFile(file, { config: { samplingRate: 0, cardinalityLimit: 20, registerGlobal: true, enabled: true } })).toMatchObject({
      samplingRate: 0,
      cardinalityLimit: 20,
      registerGlobal: true,
      enabled: true,
    });
    expect(withFile(file)).toMatchObject(file);
  });

  it('merges resourceAttributes key by key: object > env > file', () => {
    const resolved = withFile(
      { resourceAttributes: { a: 'file', b: 'file', c: 'file' } },
      { config: { resourceAttributes: { a: 'code', n: 1 } }, env: { OTEL_RESOURCE_ATTRIBUTES: 'a=env,b=env' } },
    );
    expect(resolved.resourceAttributes).toEqual({ a: 'code', b: 'env', c: 'file', n: 1 });
  });

  it('merges components per name and per field, the object winning; each falls back to the global samplingRate', () => {
    const resolved = withFile(
      { samplingRate: 0.25, components: { mcp: { samplingRate: 0.5, attributes: ['a'] }, transport: { enabled: false } } },
      { config: { components: { mcp: { histogramBuckets: [1, 2] }, app: { samplingRate: 1 } } } },
    );
    expect(resolved.components).toEqual({
      mcp: { enabled: true, samplingRate: 0.5, histogramBuckets: [1, 2], attributes: ['a'] },
      transport: { enabled: false, samplingRate: 0.25, histogramBuckets: undefined, attributes: undefined },
      app: { enabled: true, samplingRate: 1, histogramBuckets: undefined, attributes: undefined },
    });
  });
});

describe('resolveConfig precedence of the exporter list', () => {
  const fileExporters = { exporters: [{ type: 'console', format: 'json' }] };

  it('takes the list whole from the object, even an empty one', () => {
    const env = { OTEL_METRICS_EXPORTER: 'otlp' };
    expect(withFile(fileExporters, { config: { exporters: [{ type: 'prometheus', port: 9000 }] }, env }).exporters).toEqual([
      { type: 'prometheus', host: '127.0.0.1', port: 9000, path: '/metrics', maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000, auth: undefined, tls: undefined, allowUnauthenticated: false, withoutUnits: false },
    ]);
    expect(withFile(fileExporters, { config: { exporters: [] }, env }).exporters).toEqual([]);
  });

  it('takes it from OTEL_METRICS_EXPORTER when the object has none, over the file', () => {
    expect(withFile(fileExporters, { env: { OTEL_METRICS_EXPORTER: 'console,prometheus' } }).exporters).toEqual([
      { type: 'console', format: 'table' },
      { type: 'prometheus', host: '127.0.0.1', port: 9464, path: '/metrics', maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000, auth: undefined, tls: undefined, allowUnauthenticated: false, withoutUnits: false },
    ]);
    expect(withFile(fileExporters, { env: { OTEL_METRICS_EXPORTER: 'none' } }).exporters).toEqual([]);
  });

  it('takes it from the file, else the default prometheus exporter', () => {
    expect(withFile(fileExporters).exporters).toEqual([{ type: 'console', format: 'json' }]);
    expect(resolve().exporters).toEqual([{ type: 'prometheus', host: '127.0.0.1', port: 9464, path: '/metrics', maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000, auth: undefined, tls: undefined, allowUnauthenticated: false, withoutUnits: false }]);
  });

  it('keeps the file list defined when one of its entries is bad (no fallback to the default)', () => {
    const temp = tempFiles({ 'c.json': JSON.stringify({ exporters: [{ type: 'prometheus', port: 'x' }] }) });
    try {
      expect(linesOf({ configFile: temp.path('c.json') })).toEqual([`file ${temp.path('c.json')}: exporters[0].port: got "x", expected an integer 0..65535`]);
    } finally {
      temp.cleanup();
    }
  });
});

describe('resolveConfig precedence of exporter fields', () => {
  const otlpEnv = {
    OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://env:4318/v1/metrics',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_TIMEOUT: '2000',
    OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
    OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'delta',
  };

  it('object entries keep their fields; env fills only what they leave unset', () => {
    const resolved = resolve({
      config: { exporters: [{ type: 'otlp', endpoint: 'http://code:4318/v1/metrics', timeout: '5s' }] },
      env: otlpEnv,
    });
    expect(otlp(resolved.exporters)).toEqual({
      type: 'otlp',
      endpoint: 'http://code:4318/v1/metrics',
      protocol: 'http/json',
      headers: {},
      timeoutMs: 5000,
      compression: 'gzip',
      temporality: 'delta',
    });
  });

  it('file entries yield to env', () => {
    const resolved = withFile({ exporters: [{ type: 'otlp', endpoint: 'http://file:4318/v1/metrics', protocol: 'http/protobuf', compression: 'none' }] }, { env: otlpEnv });
    expect(otlp(resolved.exporters)).toMatchObject({ endpoint: 'http://env:4318/v1/metrics', protocol: 'http/json', compression: 'gzip', timeoutMs: 2000 });
  });

  it('file entries keep the fields env does not set', () => {
    const resolved = withFile({ exporters: [{ type: 'otlp', endpoint: 'http://file:4318/v1/metrics', timeout: 750 }] });
    expect(otlp(resolved.exporters)).toMatchObject({ endpoint: 'http://file:4318/v1/metrics', timeoutMs: 750 });
  });

  it('entries from OTEL_METRICS_EXPORTER take env values', () => {
    const resolved = resolve({ env: { ...otlpEnv, OTEL_METRICS_EXPORTER: 'otlp' } });
    expect(otlp(resolved.exporters)).toMatchObject({ endpoint: 'http://env:4318/v1/metrics', protocol: 'http/json', timeoutMs: 2000, compression: 'gzip', temporality: 'delta' });
  });

  it('prometheus host and port follow the same rule', () => {
    const env = { OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0', OTEL_EXPORTER_PROMETHEUS_PORT: '9100', MCP_OTEL_PROMETHEUS_ALLOW_UNAUTHENTICATED: 'true' };
    expect(resolve({ config: { exporters: [{ type: 'prometheus', port: 9200 }] }, env }).exporters).toEqual([{ type: 'prometheus', host: '0.0.0.0', port: 9200, path: '/metrics', maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000, auth: undefined, tls: undefined, allowUnauthenticated: true, withoutUnits: false }]);
    expect(withFile({ exporters: [{ type: 'prometheus', port: 9200, path: '/m' }] }, { env }).exporters).toEqual([{ type: 'prometheus', host: '0.0.0.0', port: 9100, path: '/m', maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000, auth: undefined, tls: undefined, allowUnauthenticated: true, withoutUnits: false }]);
  });

  it('does not read a variable for a field the object entry sets (a grpc protocol for traces does no harm)', () => {
    const resolved = resolve({ config: { exporters: [{ type: 'otlp', protocol: 'http/protobuf' }] }, env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' } });
    expect(otlp(resolved.exporters).protocol).toBe('http/protobuf');
  });

  it('merges headers per name with the same precedence', () => {
    const env = { OTEL_EXPORTER_OTLP_HEADERS: 'x-env=1,x-both=env,Authorization=env' };
    const fromCode = resolve({ config: { exporters: [{ type: 'otlp', headers: { 'x-code': '1', 'x-both': 'code', authorization: 'code' } }] }, env });
    expect(otlp(fromCode.exporters).headers).toEqual({ 'x-env': '1', 'x-code': '1', 'x-both': 'code', authorization: 'code' });
    const fromFile = withFile({ exporters: [{ type: 'otlp', headers: { 'x-file': '1', 'x-both': 'file', authorization: 'file' } }] }, { env });
    expect(otlp(fromFile.exporters).headers).toEqual({ 'x-file': '1', 'x-env': '1', 'x-both': 'env', Authorization: 'env' });
  });

  it('applies env to every entry of the type', () => {
    const resolved = resolve({
      config: { exporters: [{ type: 'otlp' }, { type: 'otlp', endpoint: 'http://second:4318/v1/metrics' }] },
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://env:4318', OTEL_EXPORTER_OTLP_TIMEOUT: '1234' },
    });
    expect(resolved.exporters.map((exporter) => (exporter as ResolvedOtlpExporter).endpoint)).toEqual(['http://env:4318/v1/metrics', 'http://second:4318/v1/metrics']);
    expect(resolved.exporters.map((exporter) => (exporter as ResolvedOtlpExporter).timeoutMs)).toEqual([1234, 1234]);
  });

  it('reports a port clash that env creates between file entries', () => {
    const temp = tempFiles({ 'c.json': JSON.stringify({ exporters: [{ type: 'prometheus', port: 9000 }, { type: 'prometheus', port: 9001 }] }) });
    try {
      // OTEL_EXPORTER_PROMETHEUS_PORT overrides both file entries: they now clash.
      expect(linesOf({ configFile: temp.path('c.json'), env: { OTEL_EXPORTER_PROMETHEUS_PORT: '9100' } })).toEqual([
        `file ${temp.path('c.json')}: exporters[1]: prometheus exporter on 127.0.0.1:9100 clashes with file ${temp.path('c.json')}: exporters[0] on 127.0.0.1:9100; give each its own port (or port 0 for a free one)`,
      ]);
    } finally {
      temp.cleanup();
    }
  });
});
