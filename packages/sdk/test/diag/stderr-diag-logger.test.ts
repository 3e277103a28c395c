import { DiagLogLevel } from '@opentelemetry/api';
import { createStderrDiagLogger, parseLogLevel } from '../../src/diag/stderr-diag-logger';
import { forgetKnownSecrets, rememberSecrets } from '../../src/redact/known-secrets';

describe('createStderrDiagLogger', () => {
  it('writes every level through the sink, never through stdout', () => {
    const lines: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write');
    const logger = createStderrDiagLogger((line) => lines.push(line));
    logger.info('hello', { a: 1 });
    logger.debug('dbg');
    logger.error('bad', new Error('boom'));
    expect(stdout).not.toHaveBeenCalled();
    stdout.mockRestore();
    expect(lines[0]).toBe('[mcp-otel] info hello {"a":1}\n');
    expect(lines[1]).toBe('[mcp-otel] debug dbg\n');
    expect(lines[2]).toMatch(/^\[mcp-otel\] error bad Error: boom\n/);
  });

  it('redacts every line: objects by key, text by pattern and by the secret values of resolved configs', () => {
    const lines: string[] = [];
    const logger = createStderrDiagLogger((line) => lines.push(line));
    rememberSecrets(['tenant-secret-77']);
    logger.error('export to http://u:pw@collector/v1/metrics failed', { headers: { 'x-scope': 'tenant-secret-77' }, authorization: 'Bearer abc' });
    logger.warn('Header "x-scope" has invalid value (tenant-secret-77) and will be ignored');
    logger.debug('request', new Error('401 for Bearer eyJabc.def'));
    forgetKnownSecrets();
    const all = lines.join('');
    for (const secret of ['pw@', 'tenant-secret-77', 'Bearer abc', 'eyJabc']) expect(all).not.toContain(secret);
    expect(lines[0]).toBe(
      '[mcp-otel] error export to http://[REDACTED]@collector/v1/metrics failed {"headers":{"x-scope":"[REDACTED]"},"authorization":"[REDACTED]"}\n',
    );
  });

  it('writes to process.stderr by default', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    createStderrDiagLogger().warn('careful');
    expect(stderr).toHaveBeenCalledWith('[mcp-otel] warn careful\n');
    stderr.mockRestore();
  });
});

describe('parseLogLevel', () => {
  it.each([
    ['warn', DiagLogLevel.WARN],
    ['DEBUG', DiagLogLevel.DEBUG],
    [' info ', DiagLogLevel.INFO],
    ['none', DiagLogLevel.NONE],
    ['', undefined],
    [undefined, undefined],
    ['loud', undefined],
  ])('parses %p', (input, expected) => {
    expect(parseLogLevel(input)).toBe(expected);
  });
});
