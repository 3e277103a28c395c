import { ConfigError, formatIssue, formatValue } from '../../src/config/config-error.js';

describe('ConfigError', () => {
  const issue = { path: 'exporters[1].port', value: 'abc', expected: 'an integer 0..65535', message: 'got "abc", expected an integer 0..65535' };

  it('lists every issue in its message, one per line', () => {
    const error = new ConfigError([issue, { ...issue, path: 'env OTEL_EXPORTER_PROMETHEUS_PORT' }]);
    expect(error.message).toBe(
      'invalid mcp-otel configuration (2 problems):\n- exporters[1].port: got "abc", expected an integer 0..65535\n- env OTEL_EXPORTER_PROMETHEUS_PORT: got "abc", expected an integer 0..65535',
    );
    expect(new ConfigError([issue]).message.split('\n')[0]).toBe('invalid mcp-otel configuration (1 problem):');
  });

  it('is an Error named ConfigError with frozen issues', () => {
    const error = new ConfigError([issue]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(Object.isFrozen(error.issues)).toBe(true);
    expect(error.issues).toEqual([issue]);
  });

  it('formats one issue as path: message', () => {
    expect(formatIssue(issue)).toBe('exporters[1].port: got "abc", expected an integer 0..65535');
  });
});

describe('formatValue', () => {
  it.each([
    ['abc', '"abc"'],
    [42, '42'],
    [NaN, 'NaN'],
    [-Infinity, '-Infinity'],
    [true, 'true'],
    [null, 'null'],
    [undefined, 'undefined'],
    [10n, '10n'],
    [[1, 'a'], '[1,"a"]'],
    [{ a: 1 }, '{"a":1}'],
    [() => 1, 'a function'],
  ])('renders %p as %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });

  it('cuts long values', () => {
    const text = formatValue('x'.repeat(500));
    expect(text).toHaveLength(80);
    expect(text.endsWith('…')).toBe(true);
  });

  it('survives cycles', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toBe('an object');
  });
});
