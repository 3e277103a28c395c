import { linesOf, resolve, tempFiles, untyped } from '../helpers.js';

const ROTATION_DEFAULTS = { maxBytes: 10 * 1024 * 1024, maxFiles: 5, intervalMs: undefined };

describe('file exporter config', () => {
  it('applies every documented default, the path following the format', () => {
    expect(resolve({ config: { exporters: [{ type: 'file' }, { type: 'file', format: 'prometheus' }] } }).exporters).toEqual([
      { type: 'file', path: 'mcp-otel-metrics.jsonl', format: 'jsonl', rotation: ROTATION_DEFAULTS, withoutUnits: false },
      { type: 'file', path: 'mcp-otel-metrics.prom', format: 'prometheus', rotation: ROTATION_DEFAULTS, withoutUnits: false },
    ]);
  });

  it('keeps every field given, the interval in milliseconds', () => {
    const exporters = [{ type: 'file', path: '/var/log/mcp/metrics.jsonl', format: 'jsonl', rotation: { maxBytes: 1000, maxFiles: 2, interval: '1h' } }] as const;
    expect(resolve({ config: { exporters: [...exporters] } }).exporters).toEqual([
      { type: 'file', path: '/var/log/mcp/metrics.jsonl', format: 'jsonl', rotation: { maxBytes: 1000, maxFiles: 2, intervalMs: 3_600_000 }, withoutUnits: false },
    ]);
  });

  it('is created by OTEL_METRICS_EXPORTER=file with the MCP_OTEL_FILE_* variables', () => {
    const env = {
      OTEL_METRICS_EXPORTER: 'file',
      MCP_OTEL_FILE_PATH: '/tmp/m.prom',
      MCP_OTEL_FILE_FORMAT: 'Prometheus',
      MCP_OTEL_FILE_MAX_BYTES: '2048',
      MCP_OTEL_FILE_MAX_FILES: '3',
      MCP_OTEL_FILE_ROTATION_INTERVAL: '60000',
    };
    expect(resolve({ env }).exporters).toEqual([
      { type: 'file', path: '/tmp/m.prom', format: 'prometheus', rotation: { maxBytes: 2048, maxFiles: 3, intervalMs: 60_000 }, withoutUnits: false },
    ]);
  });

  it('merges rotation field by field: the config object wins, env fills; env wins over the file', () => {
    const env = { MCP_OTEL_FILE_MAX_BYTES: '500', MCP_OTEL_FILE_MAX_FILES: '9' };
    expect(resolve({ config: { exporters: [{ type: 'file', rotation: { maxFiles: 2 } }] }, env }).exporters[0]).toMatchObject({
      rotation: { maxBytes: 500, maxFiles: 2, intervalMs: undefined },
    });
    const temp = tempFiles({ 'c.yaml': 'exporters:\n  - type: file\n    path: from-file.jsonl\n    rotation: { maxFiles: 2, interval: 30m }\n' });
    try {
      expect(resolve({ configFile: temp.path('c.yaml'), env }).exporters[0]).toEqual({
        type: 'file',
        path: 'from-file.jsonl',
        format: 'jsonl',
        rotation: { maxBytes: 500, maxFiles: 9, intervalMs: 1_800_000 },
        withoutUnits: false,
      });
    } finally {
      temp.cleanup();
    }
  });

  it('names the field, the value and what is accepted for bad values', () => {
    const lines = linesOf({
      config: untyped({ exporters: [{ type: 'file', path: '', format: 'csv', rotation: { maxBytes: 0, maxFiles: 1.5, interval: '1 day', keep: 3 } }] }),
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        'exporters[0].path: got "", expected a file path',
        expect.stringMatching(/^exporters\[0\]\.format: got "csv", expected .*"jsonl".*"prometheus"/),
        expect.stringMatching(/^exporters\[0\]\.rotation\.maxBytes: got 0, expected an integer >= 1/),
        expect.stringMatching(/^exporters\[0\]\.rotation\.maxFiles: got 1\.5, expected an integer >= 1/),
        expect.stringMatching(/^exporters\[0\]\.rotation\.interval: got "1 day", expected a duration/),
        expect.stringMatching(/^exporters\[0\]\.rotation\.keep: /),
      ]),
    );
    expect(lines).toHaveLength(6);
  });

  it('reports bad MCP_OTEL_FILE_* values with the variable name', () => {
    const lines = linesOf({
      env: {
        OTEL_METRICS_EXPORTER: 'file',
        MCP_OTEL_FILE_FORMAT: 'json',
        MCP_OTEL_FILE_MAX_BYTES: '10MB',
        MCP_OTEL_FILE_MAX_FILES: '0',
        MCP_OTEL_FILE_ROTATION_INTERVAL: '1h',
      },
    });
    expect(lines).toEqual([
      expect.stringMatching(/^env MCP_OTEL_FILE_FORMAT: got "json", expected .*"jsonl"/),
      'env MCP_OTEL_FILE_MAX_BYTES: got "10MB", expected an integer >= 1 (bytes)',
      'env MCP_OTEL_FILE_MAX_FILES: got "0", expected an integer >= 1',
      'env MCP_OTEL_FILE_ROTATION_INTERVAL: got "1h", expected an integer >= 1 (milliseconds)',
    ]);
  });
});
