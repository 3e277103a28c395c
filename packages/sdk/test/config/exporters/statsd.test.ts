import { linesOf, resolve, tempFiles, untyped } from '../helpers.js';

const DEFAULTS = {
  type: 'statsd',
  host: '127.0.0.1',
  port: 8125,
  protocol: 'udp',
  prefix: '',
  tags: 'dogstatsd',
  maxPacketBytes: 1432,
};

describe('statsd exporter config', () => {
  it('applies every documented default', () => {
    expect(resolve({ config: { exporters: [{ type: 'statsd' }] } }).exporters).toEqual([DEFAULTS]);
  });

  it('keeps every field given', () => {
    const exporter = { type: 'statsd', host: 'statsd.internal', port: 9125, protocol: 'tcp', prefix: 'weather.', tags: 'graphite', maxPacketBytes: 8932 } as const;
    expect(resolve({ config: { exporters: [exporter] } }).exporters).toEqual([exporter]);
  });

  it('is created by OTEL_METRICS_EXPORTER=statsd with the MCP_OTEL_STATSD_* variables', () => {
    const env = {
      OTEL_METRICS_EXPORTER: 'statsd,prometheus',
      MCP_OTEL_STATSD_HOST: 'dd-agent',
      MCP_OTEL_STATSD_PORT: '8126',
      MCP_OTEL_STATSD_PROTOCOL: 'TCP',
      MCP_OTEL_STATSD_PREFIX: 'mcp',
      MCP_OTEL_STATSD_TAGS: 'none',
      MCP_OTEL_STATSD_MAX_PACKET_BYTES: '512',
    };
    expect(resolve({ env }).exporters[0]).toEqual({ type: 'statsd', host: 'dd-agent', port: 8126, protocol: 'tcp', prefix: 'mcp', tags: 'none', maxPacketBytes: 512 });
  });

  it('lets the config object win field by field, env filling the rest; env wins over the file', () => {
    const env = { MCP_OTEL_STATSD_HOST: 'from-env', MCP_OTEL_STATSD_PORT: '9000' };
    expect(resolve({ config: { exporters: [{ type: 'statsd', host: 'from-code' }] }, env }).exporters[0]).toMatchObject({ host: 'from-code', port: 9000 });
    const temp = tempFiles({ 'c.json': JSON.stringify({ exporters: [{ type: 'statsd', host: 'from-file', prefix: 'f' }] }) });
    try {
      expect(resolve({ configFile: temp.path('c.json'), env }).exporters[0]).toMatchObject({ host: 'from-env', port: 9000, prefix: 'f' });
    } finally {
      temp.cleanup();
    }
  });

  it('names the field, the value and what is accepted for bad values', () => {
    const lines = linesOf({
      config: untyped({ exporters: [{ type: 'statsd', port: 0, protocol: 'quic', tags: 'datadog', prefix: 'my app', maxPacketBytes: 10, interval: 5 }] }),
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^exporters\[0\]\.port: got 0, expected an integer 1\.\.65535/),
        expect.stringMatching(/^exporters\[0\]\.protocol: got "quic", expected .*"udp".*"tcp"/),
        expect.stringMatching(/^exporters\[0\]\.tags: got "datadog", expected .*"dogstatsd"/),
        expect.stringMatching(/^exporters\[0\]\.prefix: got "my app", expected a metric name prefix of letters, digits/),
        expect.stringMatching(/^exporters\[0\]\.maxPacketBytes: got 10, expected an integer 64\.\.65507/),
        expect.stringMatching(/^exporters\[0\]\.interval: /),
      ]),
    );
    expect(lines).toHaveLength(6);
  });

  it('reports bad MCP_OTEL_STATSD_* values with the variable name', () => {
    const lines = linesOf({
      env: {
        OTEL_METRICS_EXPORTER: 'statsd',
        MCP_OTEL_STATSD_PORT: 'eighty',
        MCP_OTEL_STATSD_PROTOCOL: 'udp6',
        MCP_OTEL_STATSD_TAGS: 'dogstats',
        MCP_OTEL_STATSD_PREFIX: 'a:b',
        MCP_OTEL_STATSD_MAX_PACKET_BYTES: '70000',
      },
    });
    expect(lines).toEqual([
      'env MCP_OTEL_STATSD_PORT: got "eighty", expected an integer 1..65535',
      expect.stringMatching(/^env MCP_OTEL_STATSD_PROTOCOL: got "udp6", expected/),
      expect.stringMatching(/^env MCP_OTEL_STATSD_PREFIX: got "a:b", expected a metric name prefix/),
      expect.stringMatching(/^env MCP_OTEL_STATSD_TAGS: got "dogstats", expected .*did you mean "dogstatsd"\?/),
      'env MCP_OTEL_STATSD_MAX_PACKET_BYTES: got "70000", expected an integer 64..65507',
    ]);
  });
});
