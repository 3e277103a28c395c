import { ConfigError } from '../../src/config/config-error.js';
import { resolveConfig } from '../../src/platform/node/node-config.js';
import { EXPORTER_TYPE_LIST, issuesOf, linesOf, resolve, untyped } from './helpers.js';

const DURATION = 'milliseconds as a number, or a string like "500ms", "15s", "1.5m", "1h"';

describe('resolveConfig validation of the config object', () => {
  // One bad value per row: the whole line (path and message) is part of the contract.
  const badValues: [string, unknown, string][] = [
    ['enabled', 'yes', 'enabled: got "yes", expected true or false'],
    ['serviceName', '', 'serviceName: got "", expected a non-empty string'],
    ['serviceName', 42, 'serviceName: got 42, expected a non-empty string'],
    ['serviceVersion', '', 'serviceVersion: got "", expected a non-empty string'],
    ['resourceAttributes', 'a=b', 'resourceAttributes: got "a=b", expected an object of resource attribute names to values'],
    ['resourceAttributes', { a: Infinity }, 'resourceAttributes.a: got Infinity, expected a string, a finite number or a boolean'],
    ['resourceAttributes', { a: NaN }, 'resourceAttributes.a: got NaN, expected a string, a finite number or a boolean'],
    ['resourceAttributes', { a: null }, 'resourceAttributes.a: got null, expected a string, a finite number or a boolean'],
    ['resourceAttributes', { a: ['x'] }, 'resourceAttributes.a: got ["x"], expected a string, a finite number or a boolean'],
    ['resourceAttributes', { '': 'x' }, 'resourceAttributes[""]: got "", expected a non-empty attribute name'],
    ['resourceAttributes', { 'service.name': 3 }, 'resourceAttributes["service.name"]: got 3, expected a non-empty string (or set serviceName)'],
    ['resourceAttributes', { 'service.version': 1.2 }, 'resourceAttributes["service.version"]: got 1.2, expected a non-empty string (or set serviceVersion)'],
    ['collectionInterval', 0, `collectionInterval: got 0, expected a duration of at least 1ms: ${DURATION}`],
    ['collectionInterval', -5, `collectionInterval: got -5, expected a duration of at least 1ms: ${DURATION}`],
    ['collectionInterval', '0s', `collectionInterval: got "0s", expected a duration of at least 1ms: ${DURATION}`],
    ['collectionInterval', 'soon', `collectionInterval: got "soon", expected a duration of at least 1ms: ${DURATION}`],
    ['collectionInterval', '15', `collectionInterval: got "15", expected a duration of at least 1ms: ${DURATION}; did you mean "15ms"?`],
    ['collectionInterval', true, `collectionInterval: got true, expected a duration of at least 1ms: ${DURATION}`],
    ['collectionInterval', NaN, `collectionInterval: got NaN, expected a duration of at least 1ms: ${DURATION}`],
    ['exporters', { type: 'otlp' }, 'exporters: got {"type":"otlp"}, expected an array of exporters, e.g. [{ "type": "prometheus" }]'],
    ['exporters', ['prometheus'], 'exporters[0]: got "prometheus", expected an exporter object like { "type": "prometheus" }'],
    ['exporters', [{ port: 9464 }], `exporters[0].type: missing, expected ${EXPORTER_TYPE_LIST}`],
    ['exporters', [{ type: 'promethus' }], `exporters[0].type: got "promethus", expected ${EXPORTER_TYPE_LIST}; did you mean "prometheus"?`],
    ['exporters', [{ type: 'zipkin' }], `exporters[0].type: got "zipkin", expected ${EXPORTER_TYPE_LIST}`],
    ['exporters', [{ type: 'prometheus', host: '' }], 'exporters[0].host: got "", expected a non-empty string'],
    ['exporters', [{ type: 'prometheus', port: 'abc' }], 'exporters[0].port: got "abc", expected an integer 0..65535'],
    ['exporters', [{ type: 'prometheus', port: 65536 }], 'exporters[0].port: got 65536, expected an integer 0..65535'],
    ['exporters', [{ type: 'prometheus', port: -1 }], 'exporters[0].port: got -1, expected an integer 0..65535'],
    ['exporters', [{ type: 'prometheus', port: 94.64 }], 'exporters[0].port: got 94.64, expected an integer 0..65535'],
    ['exporters', [{ type: 'prometheus', path: 'metrics' }], 'exporters[0].path: got "metrics", expected a path starting with "/"'],
    ['exporters', [{ type: 'otlp', endpoint: 'localhost:4318' }], 'exporters[0].endpoint: got "localhost:4318", expected an absolute http(s) URL, e.g. "http://localhost:4318/v1/metrics"'],
    ['exporters', [{ type: 'otlp', endpoint: 'ftp://host/v1/metrics' }], 'exporters[0].endpoint: got "ftp://host/v1/metrics", expected an absolute http(s) URL, e.g. "http://localhost:4318/v1/metrics"'],
    ['exporters', [{ type: 'otlp', endpoint: 'http://exa mple.com' }], 'exporters[0].endpoint: got "http://exa mple.com", expected an absolute http(s) URL, e.g. "http://localhost:4318/v1/metrics"'],
    ['exporters', [{ type: 'otlp', endpoint: '/v1/metrics' }], 'exporters[0].endpoint: got "/v1/metrics", expected an absolute http(s) URL, e.g. "http://localhost:4318/v1/metrics"'],
    [
      'exporters',
      [{ type: 'otlp', protocol: 'grpc' }],
      'exporters[0].protocol: got "grpc", expected "http/protobuf" or "http/json"; grpc is not supported, use "http/protobuf" (a Collector takes it on port 4318)',
    ],
    ['exporters', [{ type: 'otlp', protocol: 'http/jsno' }], 'exporters[0].protocol: got "http/jsno", expected "http/protobuf" or "http/json"; did you mean "http/json"?'],
    ['exporters', [{ type: 'otlp', headers: ['a=b'] }], 'exporters[0].headers: got "[REDACTED]", expected an object of HTTP header names to string values'],
    ['exporters', [{ type: 'otlp', headers: { 'x key': 'v' } }], 'exporters[0].headers["x key"]: got "[REDACTED]", expected an HTTP header name (letters, digits and !#$%&\'*+-.^_`|~)'],
    ['exporters', [{ type: 'otlp', headers: { 'api-key': 'se\ncret' } }], 'exporters[0].headers["api-key"]: got "[REDACTED]", expected a header value without control characters'],
    ['exporters', [{ type: 'otlp', headers: { 'api-key': 1234 } }], 'exporters[0].headers["api-key"]: got "[REDACTED]", expected a header value without control characters'],
    ['exporters', [{ type: 'otlp', timeout: 0 }], `exporters[0].timeout: got 0, expected a duration above 0ms: ${DURATION}`],
    ['exporters', [{ type: 'otlp', timeout: '0ms' }], `exporters[0].timeout: got "0ms", expected a duration above 0ms: ${DURATION}`],
    ['exporters', [{ type: 'otlp', timeout: '-1s' }], `exporters[0].timeout: got "-1s", expected a duration above 0ms: ${DURATION}`],
    ['exporters', [{ type: 'otlp', compression: 'zip' }], 'exporters[0].compression: got "zip", expected "gzip" or "none"; did you mean "gzip"?'],
    ['exporters', [{ type: 'otlp', temporality: 'Delta ' }], 'exporters[0].temporality: got "Delta ", expected "cumulative", "delta" or "lowmemory"; did you mean "delta"?'],
    ['exporters', [{ type: 'otlp', temporality: 'sum' }], 'exporters[0].temporality: got "sum", expected "cumulative", "delta" or "lowmemory"'],
    ['exporters', [{ type: 'console', format: 'yaml' }], 'exporters[0].format: got "yaml", expected "table" or "json"'],
    ['samplingRate', 1.5, 'samplingRate: got 1.5, expected a number 0..1'],
    ['samplingRate', -0.1, 'samplingRate: got -0.1, expected a number 0..1'],
    ['samplingRate', '0.5', 'samplingRate: got "0.5", expected a number 0..1'],
    ['components', [], 'components: got [], expected an object of component settings keyed by component name'],
    ['components', { mcp: true }, 'components.mcp: got true, expected an object of component settings'],
    ['components', { '': {} }, 'components[""]: got "", expected a non-empty component name'],
    ['components', { mcp: { enabled: 'no' } }, 'components.mcp.enabled: got "no", expected true or false'],
    ['components', { mcp: { samplingRate: 2 } }, 'components.mcp.samplingRate: got 2, expected a number 0..1'],
    ['components', { mcp: { histogramBuckets: [] } }, 'components.mcp.histogramBuckets: got [], expected a non-empty array of strictly increasing finite numbers'],
    ['components', { mcp: { histogramBuckets: 5 } }, 'components.mcp.histogramBuckets: got 5, expected a non-empty array of strictly increasing finite numbers'],
    ['components', { mcp: { histogramBuckets: [1, Infinity] } }, 'components.mcp.histogramBuckets[1]: got Infinity, expected a non-empty array of strictly increasing finite numbers'],
    [
      'components',
      { mcp: { histogramBuckets: [0.1, 0.5, 0.5] } },
      'components.mcp.histogramBuckets[2]: got 0.5, expected a number greater than the previous bucket (0.5); buckets must be strictly increasing',
    ],
    ['components', { mcp: { attributes: 'tool' } }, 'components.mcp.attributes: got "tool", expected an array of non-empty attribute keys'],
    ['components', { mcp: { attributes: ['tool', ''] } }, 'components.mcp.attributes[1]: got "", expected a non-empty attribute key'],
    ['cardinalityLimit', 0, 'cardinalityLimit: got 0, expected an integer >= 1'],
    ['cardinalityLimit', 2.5, 'cardinalityLimit: got 2.5, expected an integer >= 1'],
    ['cardinalityLimit', Infinity, 'cardinalityLimit: got Infinity, expected an integer >= 1'],
    ['registerGlobal', 'false', 'registerGlobal: got "false", expected true or false'],
  ];

  it.each(badValues)('rejects %s = %p', (field, value, line) => {
    expect(linesOf({ config: untyped({ [field]: value }) })).toEqual([line]);
  });

  it('accepts the boundary values', () => {
    const resolved = resolve({
      config: {
        collectionInterval: 1,
        samplingRate: 0,
        cardinalityLimit: 1,
        exporters: [
          { type: 'prometheus', port: 0, path: '/' },
          { type: 'prometheus', port: 65535 },
          { type: 'otlp', timeout: '0.5ms', endpoint: 'https://[::1]:4318/v1/metrics', headers: { 'x-tab': 'a\tb' } },
        ],
        components: { mcp: { samplingRate: 1, histogramBuckets: [-1, 0, 1e9] } },
        resourceAttributes: { flag: false, zero: 0, empty: '' },
      },
    });
    expect(resolved.collectionIntervalMs).toBe(1);
    expect(resolved.samplingRate).toBe(0);
    expect(resolved.exporters[2]).toMatchObject({ timeoutMs: 0.5, endpoint: 'https://[::1]:4318/v1/metrics' });
    expect(resolved.resourceAttributes).toEqual({ flag: false, zero: 0, empty: '' });
  });

  it('reports unknown keys at every level with a did-you-mean', () => {
    expect(
      linesOf({
        config: untyped({
          collectionIntervall: '15s',
          service_name: 'x',
          exporters: [{ type: 'prometheus', prot: 9464 }, { type: 'otlp', endpiont: 'http://x' }],
          components: { mcp: { histogramBucket: [1] } },
        }),
      }),
    ).toEqual([
      'collectionIntervall: unknown key; did you mean "collectionInterval"?',
      'service_name: unknown key; did you mean "serviceName"?',
      'exporters[0].prot: unknown key; did you mean "port"?',
      'exporters[1].endpiont: unknown key; did you mean "endpoint"?',
      'components.mcp.histogramBucket: unknown key; did you mean "histogramBuckets"?',
    ]);
  });

  it('lists the known keys when no key is close', () => {
    const [issue] = issuesOf({ config: untyped({ exporters: [{ type: 'console', colour: true }] }) });
    expect(issue).toEqual({
      path: 'exporters[0].colour',
      value: true,
      expected: 'one of the keys type, format',
      message: 'unknown key; expected one of the keys type, format',
    });
  });

  it('lists the exporter types in documentation order', () => {
    expect(EXPORTER_TYPE_LIST.startsWith('"prometheus", "otlp", "console"')).toBe(true);
  });

  it('gives the suggestion as data', () => {
    const [issue] = issuesOf({ config: untyped({ exporters: [{ type: 'promethus' }] }) });
    expect(issue).toEqual({
      path: 'exporters[0].type',
      value: 'promethus',
      expected: EXPORTER_TYPE_LIST,
      message: `got "promethus", expected ${EXPORTER_TYPE_LIST}; did you mean "prometheus"?`,
      suggestion: 'prometheus',
    });
  });

  it('rejects a config that is not an object', () => {
    expect(linesOf({ config: untyped([{ type: 'prometheus' }]) })).toEqual(['config: got [{"type":"prometheus"}], expected an object (a MetricsConfig)']);
    expect(linesOf({ config: untyped('prometheus') })).toEqual(['config: got "prometheus", expected an object (a MetricsConfig)']);
  });

  it('treats undefined fields as unset', () => {
    expect(resolve({ config: { serviceName: undefined, exporters: undefined } }).serviceName).toBe('unknown_service:node');
  });

  it('reports every problem at once, in one message with one line each', () => {
    let error: unknown;
    try {
      resolveConfig({
        env: { OTEL_METRIC_EXPORT_INTERVAL: 'soon' },
        config: untyped({ collectionIntervall: 5, exporters: [{ type: 'prometheus' }, { type: 'prometheus', port: 'abc' }], samplingRate: 2 }),
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).name).toBe('ConfigError');
    expect((error as ConfigError).message).toBe(
      [
        'invalid mcp-otel configuration (4 problems):',
        '- collectionIntervall: unknown key; did you mean "collectionInterval"?',
        '- exporters[1].port: got "abc", expected an integer 0..65535',
        '- samplingRate: got 2, expected a number 0..1',
        '- env OTEL_METRIC_EXPORT_INTERVAL: got "soon", expected an integer >= 1 (milliseconds)',
      ].join('\n'),
    );
  });

  it('keeps checking the other entries after a bad exporter', () => {
    expect(linesOf({ config: untyped({ exporters: [{ type: 'prometheus', port: 'x' }, { type: 'otlp', timeout: 'x' }, { type: 'console', format: 1 }] }) })).toHaveLength(3);
  });

  it('rejects two prometheus exporters on one host:port, counting defaults and wildcard hosts', () => {
    expect(linesOf({ config: { exporters: [{ type: 'prometheus' }, { type: 'prometheus', port: 9464 }] } })).toEqual([
      'exporters[1]: prometheus exporter on 127.0.0.1:9464 clashes with exporters[0] on 127.0.0.1:9464; give each its own port (or port 0 for a free one)',
    ]);
    expect(linesOf({ config: { exporters: [{ type: 'prometheus', host: '0.0.0.0', port: 9000, allowUnauthenticated: true }, { type: 'prometheus', host: '127.0.0.1', port: 9000 }] } })).toHaveLength(1);
  });

  it('allows prometheus exporters on different ports, different hosts, or port 0', () => {
    const resolved = resolve({
      config: {
        exporters: [
          { type: 'prometheus' },
          { type: 'prometheus', port: 9465 },
          { type: 'prometheus', host: '10.0.0.1', allowUnauthenticated: true },
          { type: 'prometheus', port: 0 },
          { type: 'prometheus', port: 0 },
        ],
      },
    });
    expect(resolved.exporters).toHaveLength(5);
  });

  it('does not let a bad field hide problems of another source', () => {
    const issues = issuesOf({ config: untyped({ samplingRate: 'all' }), env: { OTEL_SDK_DISABLED: 'yes' } });
    expect(issues.map((issue) => issue.path)).toEqual(['samplingRate', 'env OTEL_SDK_DISABLED']);
  });
});
