import { ConfigError, formatIssue } from '../../src/config/config-error.js';
import { isSdkDisabled } from '../../src/config/is-sdk-disabled.js';
import { resolveConfig, resolveConfigLeniently } from '../../src/platform/node/node-config.js';
import { EXPORTER_ENV_LIST, linesOf, resolve } from './helpers.js';

const HEADERS_EXPECTED = 'comma-separated key=value pairs with percent-encoded values, e.g. "api-key=secret,x-tenant=a"';
const ATTRIBUTES_EXPECTED = 'comma-separated key=value pairs with percent-encoded values, e.g. "deployment.environment.name=prod,team=a%20b"';

describe('resolveConfig environment variables', () => {
  // One junk value per row, with the environment that makes the variable matter.
  const junk: [string, Record<string, string>, string][] = [
    ['OTEL_SDK_DISABLED', { OTEL_SDK_DISABLED: 'yes' }, 'env OTEL_SDK_DISABLED: got "yes", expected "true" or "false"'],
    ['OTEL_SDK_DISABLED', { OTEL_SDK_DISABLED: '1' }, 'env OTEL_SDK_DISABLED: got "1", expected "true" or "false"'],
    ['OTEL_METRIC_EXPORT_INTERVAL', { OTEL_METRIC_EXPORT_INTERVAL: 'soon' }, 'env OTEL_METRIC_EXPORT_INTERVAL: got "soon", expected an integer >= 1 (milliseconds)'],
    ['OTEL_METRIC_EXPORT_INTERVAL', { OTEL_METRIC_EXPORT_INTERVAL: '0' }, 'env OTEL_METRIC_EXPORT_INTERVAL: got "0", expected an integer >= 1 (milliseconds)'],
    ['OTEL_METRIC_EXPORT_INTERVAL', { OTEL_METRIC_EXPORT_INTERVAL: '15s' }, 'env OTEL_METRIC_EXPORT_INTERVAL: got "15s", expected an integer >= 1 (milliseconds)'],
    ['OTEL_METRIC_EXPORT_INTERVAL', { OTEL_METRIC_EXPORT_INTERVAL: '-100' }, 'env OTEL_METRIC_EXPORT_INTERVAL: got "-100", expected an integer >= 1 (milliseconds)'],
    [
      'OTEL_METRICS_EXPORTER',
      { OTEL_METRICS_EXPORTER: 'otlp,promethus' },
      `env OTEL_METRICS_EXPORTER: got "promethus", expected ${EXPORTER_ENV_LIST}; did you mean "prometheus"?`,
    ],
    [
      'OTEL_METRICS_EXPORTER',
      { OTEL_METRICS_EXPORTER: 'none,otlp' },
      `env OTEL_METRICS_EXPORTER: got "none,otlp", expected ${EXPORTER_ENV_LIST}; "none" cannot be combined with other exporters`,
    ],
    [
      'OTEL_METRICS_EXPORTER',
      { OTEL_METRICS_EXPORTER: 'otlp,otlp' },
      `env OTEL_METRICS_EXPORTER: got "otlp,otlp", expected ${EXPORTER_ENV_LIST}; "otlp" is listed twice`,
    ],
    [
      'OTEL_METRICS_EXPORTER',
      { OTEL_METRICS_EXPORTER: 'logging' },
      `env OTEL_METRICS_EXPORTER: got "logging", expected ${EXPORTER_ENV_LIST}; "logging" is the old name of "console"`,
    ],
    ['OTEL_METRICS_EXPORTER', { OTEL_METRICS_EXPORTER: 'zipkin' }, `env OTEL_METRICS_EXPORTER: got "zipkin", expected ${EXPORTER_ENV_LIST}`],
    ['OTEL_RESOURCE_ATTRIBUTES', { OTEL_RESOURCE_ATTRIBUTES: 'a=b,c' }, `env OTEL_RESOURCE_ATTRIBUTES: got "a=b,c", expected ${ATTRIBUTES_EXPECTED}; item 2 has no "="`],
    ['OTEL_RESOURCE_ATTRIBUTES', { OTEL_RESOURCE_ATTRIBUTES: '=b' }, `env OTEL_RESOURCE_ATTRIBUTES: got "=b", expected ${ATTRIBUTES_EXPECTED}; item 1 has an empty key`],
    ['OTEL_RESOURCE_ATTRIBUTES', { OTEL_RESOURCE_ATTRIBUTES: 'a=%E0%A4%A' }, `env OTEL_RESOURCE_ATTRIBUTES: got "a=%E0%A4%A", expected ${ATTRIBUTES_EXPECTED}; item 1 has an invalid percent-encoding`],
    ['OTEL_EXPORTER_PROMETHEUS_PORT', { OTEL_EXPORTER_PROMETHEUS_PORT: '99999' }, 'env OTEL_EXPORTER_PROMETHEUS_PORT: got "99999", expected an integer 0..65535'],
    ['OTEL_EXPORTER_PROMETHEUS_PORT', { OTEL_EXPORTER_PROMETHEUS_PORT: 'http' }, 'env OTEL_EXPORTER_PROMETHEUS_PORT: got "http", expected an integer 0..65535'],
    [
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
      'env OTEL_EXPORTER_OTLP_ENDPOINT: got "collector:4318", expected an absolute http(s) URL, e.g. "http://localhost:4318"',
    ],
    [
      'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'grpc://collector:4317' },
      'env OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: got "grpc://collector:4317", expected an absolute http(s) URL, e.g. "http://localhost:4318"',
    ],
    [
      'OTEL_EXPORTER_OTLP_PROTOCOL',
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      'env OTEL_EXPORTER_OTLP_PROTOCOL: got "grpc", expected "http/protobuf" or "http/json"; grpc is not supported, use "http/protobuf" (a Collector takes it on port 4318)',
    ],
    [
      'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL',
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuff' },
      'env OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: got "http/protobuff", expected "http/protobuf" or "http/json"; did you mean "http/protobuf"?',
    ],
    [
      'OTEL_EXPORTER_OTLP_HEADERS',
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_HEADERS: 'api-key=1,Bearer secret' },
      `env OTEL_EXPORTER_OTLP_HEADERS: got "api-key=[REDACTED],[REDACTED]", expected ${HEADERS_EXPECTED}; item 2 has no "="`,
    ],
    [
      'OTEL_EXPORTER_OTLP_METRICS_HEADERS',
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'x key=1' },
      `env OTEL_EXPORTER_OTLP_METRICS_HEADERS: got "x key=[REDACTED]", expected ${HEADERS_EXPECTED}; item 1 has key "x key", which is not an HTTP header name (letters, digits and !#$%&'*+-.^_\`|~)`,
    ],
    [
      'OTEL_EXPORTER_OTLP_HEADERS',
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_HEADERS: 'a=b%0Ac' },
      `env OTEL_EXPORTER_OTLP_HEADERS: got "a=[REDACTED]", expected ${HEADERS_EXPECTED}; item 1 has a value that is not a header value without control characters`,
    ],
    [
      'OTEL_EXPORTER_OTLP_TIMEOUT',
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_TIMEOUT: '10s' },
      'env OTEL_EXPORTER_OTLP_TIMEOUT: got "10s", expected an integer >= 1 (milliseconds)',
    ],
    [
      'OTEL_EXPORTER_OTLP_METRICS_TIMEOUT',
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '0' },
      'env OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: got "0", expected an integer >= 1 (milliseconds)',
    ],
    [
      'OTEL_EXPORTER_OTLP_COMPRESSION',
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_COMPRESSION: 'gz' },
      'env OTEL_EXPORTER_OTLP_COMPRESSION: got "gz", expected "gzip" or "none"; did you mean "gzip"?',
    ],
    [
      'OTEL_EXPORTER_OTLP_METRICS_COMPRESSION',
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_COMPRESSION: 'brotli' },
      'env OTEL_EXPORTER_OTLP_METRICS_COMPRESSION: got "brotli", expected "gzip" or "none"',
    ],
    [
      'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE',
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'deltas' },
      'env OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: got "deltas", expected "cumulative", "delta" or "lowmemory"; did you mean "delta"?',
    ],
    ['OTEL_LOG_LEVEL', { OTEL_LOG_LEVEL: 'loud' }, 'env OTEL_LOG_LEVEL: got "loud", expected "none", "error", "warn", "info", "debug", "verbose" or "all"'],
    ['OTEL_LOG_LEVEL', { OTEL_LOG_LEVEL: 'warning' }, 'env OTEL_LOG_LEVEL: got "warning", expected "none", "error", "warn", "info", "debug", "verbose" or "all"; did you mean "warn"?'],
    [
      'OTEL_EXPORTER_OTLP_CERTIFICATE',
      { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_CERTIFICATE: '/etc/ca.pem' },
      'env OTEL_EXPORTER_OTLP_CERTIFICATE: got "/etc/ca.pem", expected it unset; mcp-otel does not read the OTLP certificate variables (the exporter takes its settings from the resolved config only); for a private CA start Node with NODE_EXTRA_CA_CERTS=<file>, client certificates are not supported yet',
    ],
  ];

  it.each(junk)('reports junk in %s', (_name, env, line) => {
    expect(linesOf({ env })).toEqual([line]);
  });

  it('never echoes header values, even valid ones next to a bad pair', () => {
    const [line] = linesOf({ env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20s3cr3t,junk' } });
    expect(line).not.toContain('s3cr3t');
  });

  it('treats empty and blank values as unset', () => {
    const resolved = resolve({
      env: {
        OTEL_SDK_DISABLED: '',
        OTEL_SERVICE_NAME: '  ',
        OTEL_METRIC_EXPORT_INTERVAL: '',
        OTEL_METRICS_EXPORTER: '',
        OTEL_RESOURCE_ATTRIBUTES: '',
        OTEL_EXPORTER_PROMETHEUS_PORT: '',
        MCP_OTEL_CONFIG: '',
      },
    });
    expect(resolved).toMatchObject({ enabled: true, serviceName: 'unknown_service:node', collectionIntervalMs: 60_000, resourceAttributes: {} });
    expect(resolved.exporters).toEqual([{ type: 'prometheus', host: '127.0.0.1', port: 9464, path: '/metrics', maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000, auth: undefined, tls: undefined, allowUnauthenticated: false, withoutUnits: false }]);
  });

  it('trims values and reads enum-like values case-insensitively', () => {
    const resolved = resolve({
      env: {
        OTEL_METRICS_EXPORTER: ' OTLP , Console ',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'HTTP/JSON',
        OTEL_EXPORTER_OTLP_COMPRESSION: 'GZIP',
        OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'Delta',
        OTEL_METRIC_EXPORT_INTERVAL: ' 5000 ',
      },
    });
    expect(resolved.collectionIntervalMs).toBe(5000);
    expect(resolved.exporters).toEqual([
      // The default 10s timeout is cut to the 5s interval: an export must end before the next one.
      { type: 'otlp', endpoint: 'http://localhost:4318/v1/metrics', protocol: 'http/json', headers: {}, timeoutMs: 5000, compression: 'gzip', temporality: 'delta' },
      { type: 'console', format: 'table' },
    ]);
  });

  it('reads OTEL_METRICS_EXPORTER=none as no exporters, and skips empty items', () => {
    expect(resolve({ env: { OTEL_METRICS_EXPORTER: 'none' } }).exporters).toEqual([]);
    expect(resolve({ env: { OTEL_METRICS_EXPORTER: 'console,,' } }).exporters).toEqual([{ type: 'console', format: 'table' }]);
  });

  it('appends /v1/metrics to the generic OTLP endpoint, with or without a trailing slash or base path', () => {
    const endpointFor = (base: string) => {
      const [exporter] = resolve({ env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: base } }).exporters;
      return exporter?.type === 'otlp' ? exporter.endpoint : undefined;
    };
    expect(endpointFor('http://collector:4318')).toBe('http://collector:4318/v1/metrics');
    expect(endpointFor('http://collector:4318/')).toBe('http://collector:4318/v1/metrics');
    expect(endpointFor('https://otlp.example.com/tenant-a/')).toBe('https://otlp.example.com/tenant-a/v1/metrics');
    expect(endpointFor('https://otlp.example.com/tenant-a')).toBe('https://otlp.example.com/tenant-a/v1/metrics');
  });

  it('uses the metrics-specific OTLP variables as they are, over the generic ones', () => {
    const [exporter] = resolve({
      env: {
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://generic:4318',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://specific:9000/custom',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
        OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '2500',
        OTEL_EXPORTER_OTLP_COMPRESSION: 'none',
        OTEL_EXPORTER_OTLP_METRICS_COMPRESSION: 'gzip',
      },
    }).exporters;
    expect(exporter).toMatchObject({ endpoint: 'http://specific:9000/custom', protocol: 'http/json', timeoutMs: 2500, compression: 'gzip' });
  });

  it('does not read a generic variable shadowed by its metrics-specific one (so grpc for traces does no harm)', () => {
    const [exporter] = resolve({
      env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf' },
    }).exporters;
    expect(exporter).toMatchObject({ protocol: 'http/protobuf' });
  });

  it('merges generic and metrics-specific OTLP headers, the specific one winning per name (case-insensitive)', () => {
    const [exporter] = resolve({
      env: {
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Basic%20abc, x-tenant = a ,x-region=eu',
        OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'authorization=Bearer%20xyz,x-extra=%3D%2C',
      },
    }).exporters;
    expect(exporter).toMatchObject({ headers: { 'x-tenant': 'a', 'x-region': 'eu', authorization: 'Bearer xyz', 'x-extra': '=,' } });
  });

  it('parses OTEL_RESOURCE_ATTRIBUTES with percent-decoding and trimming', () => {
    const resolved = resolve({ env: { OTEL_RESOURCE_ATTRIBUTES: ' deployment.environment.name = prod ,team=a%20b%2Cc,' } });
    expect(resolved.resourceAttributes).toEqual({ 'deployment.environment.name': 'prod', team: 'a b,c' });
  });

  it('reads exporter variables only for exporter types in use', () => {
    // Junk for types that are not configured is not this SDK's business (another SDK may own it).
    const resolved = resolve({
      config: { exporters: [{ type: 'console' }] },
      env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_PROMETHEUS_PORT: 'junk' },
    });
    expect(resolved.exporters).toEqual([{ type: 'console', format: 'table' }]);
  });

  it('reports one issue per bad variable even when several exporters read it', () => {
    const lines = linesOf({ config: { exporters: [{ type: 'otlp' }, { type: 'otlp', endpoint: 'http://b:4318/v1/metrics' }] }, env: { OTEL_EXPORTER_OTLP_TIMEOUT: 'x' } });
    expect(lines).toEqual(['env OTEL_EXPORTER_OTLP_TIMEOUT: got "x", expected an integer >= 1 (milliseconds)']);
  });

  it('applies the Prometheus variables to the default exporter', () => {
    expect(resolve({ env: { OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0', OTEL_EXPORTER_PROMETHEUS_PORT: '0', MCP_OTEL_PROMETHEUS_ALLOW_UNAUTHENTICATED: 'true' } }).exporters).toEqual([
      { type: 'prometheus', host: '0.0.0.0', port: 0, path: '/metrics', maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000, auth: undefined, tls: undefined, allowUnauthenticated: true, withoutUnits: false },
    ]);
  });

  it('resolves the environment-only example of docs/configuration.md as described there', () => {
    const resolved = resolve({
      env: {
        OTEL_SERVICE_NAME: 'weather-mcp',
        OTEL_METRICS_EXPORTER: 'otlp,prometheus',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_HEADERS: 'api-key=s3cr3t,x-tenant=team%20a',
        OTEL_METRIC_EXPORT_INTERVAL: '15000',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod',
      },
    });
    expect(resolved).toMatchObject({ serviceName: 'weather-mcp', collectionIntervalMs: 15_000, resourceAttributes: { 'deployment.environment.name': 'prod' } });
    expect(resolved.exporters).toEqual([
      {
        type: 'otlp',
        endpoint: 'http://collector:4318/v1/metrics',
        protocol: 'http/protobuf',
        headers: { 'api-key': 's3cr3t', 'x-tenant': 'team a' },
        timeoutMs: 10_000,
        compression: 'none',
        temporality: 'cumulative',
      },
      { type: 'prometheus', host: '127.0.0.1', port: 9464, path: '/metrics', maxConcurrentScrapes: 16, minScrapeIntervalMs: 0, scrapeTimeoutMs: 10_000, auth: undefined, tls: undefined, allowUnauthenticated: false, withoutUnits: false },
    ]);
  });

  it('uses process.env when no env is given', () => {
    const saved = process.env.OTEL_SERVICE_NAME;
    process.env.OTEL_SERVICE_NAME = 'from-process-env';
    try {
      expect(resolveConfig({ config: { exporters: [] } }).serviceName).toBe('from-process-env');
    } finally {
      if (saved === undefined) delete process.env.OTEL_SERVICE_NAME;
      else process.env.OTEL_SERVICE_NAME = saved;
    }
  });
});

describe('isSdkDisabled', () => {
  it.each([
    [{ OTEL_SDK_DISABLED: 'true' }, true],
    [{ OTEL_SDK_DISABLED: 'TRUE' }, true],
    [{ OTEL_SDK_DISABLED: ' True ' }, true],
    [{ OTEL_SDK_DISABLED: 'false' }, false],
    [{ OTEL_SDK_DISABLED: '' }, false],
    [{}, false],
  ])('reads %p as %p', (env, disabled) => {
    expect(isSdkDisabled(env)).toBe(disabled);
  });

  it('reads the environment it is given, such as process.env', () => {
    const saved = process.env.OTEL_SDK_DISABLED;
    process.env.OTEL_SDK_DISABLED = 'true';
    try {
      expect(isSdkDisabled(process.env)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.OTEL_SDK_DISABLED;
      else process.env.OTEL_SDK_DISABLED = saved;
    }
  });

  it('throws a ConfigError naming the variable for anything else', () => {
    expect(() => isSdkDisabled({ OTEL_SDK_DISABLED: 'yes' })).toThrow(ConfigError);
    expect(() => isSdkDisabled({ OTEL_SDK_DISABLED: 'yes' })).toThrow('env OTEL_SDK_DISABLED: got "yes", expected "true" or "false"');
  });

  it('disables the resolved config, whatever the config says, and config enabled: false disables too', () => {
    expect(resolve({ env: { OTEL_SDK_DISABLED: 'true' }, config: { enabled: true } }).enabled).toBe(false);
    expect(resolve({ env: { OTEL_SDK_DISABLED: 'false' }, config: { enabled: false } }).enabled).toBe(false);
    expect(resolve({ env: { OTEL_SDK_DISABLED: 'false' } }).enabled).toBe(true);
  });

  it('still validates the rest of a disabled config', () => {
    expect(linesOf({ env: { OTEL_SDK_DISABLED: 'true' }, config: { samplingRate: 7 } })).toEqual(['samplingRate: got 7, expected a number 0..1']);
  });
});

describe('resolveConfig export timeouts', () => {
  it('reports a chosen OTLP timeout longer than the interval, and cuts it to the interval', () => {
    const result = resolveConfigLeniently({ config: { collectionInterval: '30s', exporters: [{ type: 'otlp', timeout: '120s' }] }, env: {} });
    expect(result.config.exporters[0]).toMatchObject({ timeoutMs: 30_000 });
    expect(result.issues.map(formatIssue)).toEqual([
      expect.stringContaining('exporters[0].timeout: the OTLP timeout (2m, from "timeout" or OTEL_EXPORTER_OTLP_TIMEOUT) is longer than collectionInterval (30s)'),
    ]);
  });

  it('says the same of OTEL_EXPORTER_OTLP_TIMEOUT, and nothing of the default timeout', () => {
    const fromEnv = resolveConfigLeniently({ env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_INTERVAL: '1000', OTEL_EXPORTER_OTLP_TIMEOUT: '5000' } });
    expect(fromEnv.issues).toHaveLength(1);
    const byDefault = resolveConfigLeniently({ env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_METRIC_EXPORT_INTERVAL: '1000' } });
    expect(byDefault.issues).toEqual([]);
    expect(byDefault.config.exporters[0]).toMatchObject({ timeoutMs: 1000 });
  });
});
