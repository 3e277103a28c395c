import { ConfigError, resolveConfig } from '@mcp-otel/sdk';

// Issue 10, finding 9: `OTEL_LOG_LEVEL=loud` was silently ignored (no diag logger, no word about it).
// It is now a config issue naming the variable, the value and the valid values (whether it stops
// startup is the strict-mode decision; see docs/configuration.md).
describe('OTEL_LOG_LEVEL (issue 10, finding 9)', () => {
  it('reports an unknown level as an issue of that variable', () => {
    let error: unknown;
    try {
      resolveConfig({ env: { OTEL_LOG_LEVEL: 'loud' } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      {
        path: 'env OTEL_LOG_LEVEL',
        value: 'loud',
        expected: '"none", "error", "warn", "info", "debug", "verbose" or "all"',
        message: 'got "loud", expected "none", "error", "warn", "info", "debug", "verbose" or "all"',
      },
    ]);
  });

  it('accepts every level the OTel spec names, in any case', () => {
    for (const level of ['none', 'ERROR', 'Warn', 'info', 'debug', 'verbose', 'ALL']) {
      expect(() => resolveConfig({ env: { OTEL_LOG_LEVEL: level } })).not.toThrow();
    }
  });
});
