import { configPathSegments, shownIssueValue } from '../../src/config/issue-value.js';

describe('configPathSegments', () => {
  it.each([
    ['exporters[1].headers["api-key"]', ['exporters', '1', 'headers', 'api-key']],
    ['config', []],
    ['exporters[0] (default)', ['exporters', '0']],
    ['file /srv/a: b/x.yaml: exporters[0].headers', ['exporters', '0', 'headers']],
    ['resourceAttributes["service.name"]', ['resourceAttributes', 'service.name']],
  ])('%s', (path, segments) => {
    expect(configPathSegments(path)).toEqual(segments);
  });

  it.each(['file /srv/x.yaml', 'file /srv/x.json:3:7', 'env OTEL_X', 'a b', ''])('%s names no config location', (path) => {
    expect(configPathSegments(path)).toBeUndefined();
  });
});

describe('shownIssueValue', () => {
  it.each([
    ['exporters[0].headers.authorization', 'Bearer x', '[REDACTED]'],
    ['exporters[0].headers', 'authorization=Bearer x', 'authorization=[REDACTED]'],
    ['exporters[0].headers', { a: 'x' }, { a: '[REDACTED]' }],
    ['file /etc/mcp.yaml: exporters[0].headers["x-api-key"]', 12, '[REDACTED]'],
    ['components.mcp.token.value', 'x', '[REDACTED]'],
    ['apiToken', 'x', '[REDACTED]'],
    ['exporters[0].endpoint', 'ftp://u:p@h', 'ftp://[REDACTED]@h'],
    ['exporters[0].port', 'abc', 'abc'],
    ['env OTEL_EXPORTER_OTLP_HEADERS', 'a=b,c', 'a=[REDACTED],[REDACTED]'],
    ['env MCP_OTEL_AUTH_TOKEN', 'x', '[REDACTED]'],
    ['env OTEL_EXPORTER_OTLP_ENDPOINT', 'http://u:p@h', 'http://[REDACTED]@h'],
    ['env OTEL_SERVICE_NAME', 'weather', 'weather'],
    ['file /home/keys/mcp.yaml', 'relative/path.yaml', 'relative/path.yaml'],
  ])('%s: %j -> %j', (path, value, shown) => {
    expect(shownIssueValue(path, value)).toEqual(shown);
  });

  it('keeps a missing value missing', () => {
    expect(shownIssueValue('exporters[0].headers.authorization', undefined)).toBeUndefined();
  });
});
