import { ConfigError, resolveConfig } from '@mcp-otel/sdk';
import type { ResolveConfigInput } from '@mcp-otel/sdk';
import { tempFiles } from '../config/helpers.js';

// Issue 10, finding 2: ConfigError messages and issues[].value echoed OTLP headers given as a
// string, non-string header values, URL userinfo, values under secret-named keys, and V8's JSON
// snippet of a bad config file (which also lost the line:column the docs promise).
const MARKER = 'S3CRET-MARKER-7f3a';

function errorOf(input: ResolveConfigInput): ConfigError {
  try {
    resolveConfig({ env: {}, ...input });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** Everything a ConfigError can show: its message, and every issue as data. */
function shown(error: ConfigError): string {
  return `${error.message}\n${JSON.stringify(error.issues)}`;
}

describe('ConfigError never shows a secret (issue 10, finding 2)', () => {
  const bad: [string, ResolveConfigInput][] = [
    ['headers given as a string (the env form pasted into config)', { config: { exporters: [{ type: 'otlp', headers: `authorization=Bearer ${MARKER}` as never }] } }],
    ['a non-string header value', { config: { exporters: [{ type: 'otlp', headers: { authorization: 7_301_944_218_355 as never } }] } }],
    ['an object as a header value', { config: { exporters: [{ type: 'otlp', headers: { 'x-api-key': { token: MARKER } as never } }] } }],
    ['URL userinfo in an invalid endpoint', { config: { exporters: [{ type: 'otlp', endpoint: `ftp://user:${MARKER}@collector` }] } }],
    ['a token query parameter in an invalid endpoint', { config: { exporters: [{ type: 'otlp', endpoint: `collector/v1/metrics?access_token=${MARKER}` }] } }],
    ['an unknown key named like a secret', { config: { apiToken: MARKER } as never }],
    ['a whole config of the wrong type', { config: [{ exporters: [{ type: 'otlp', headers: { authorization: MARKER } }] }] as never }],
    ['URL userinfo in an env endpoint', { env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: `ftp://u:${MARKER}@collector` } }],
    ['a bad env header list', { env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer ${MARKER},junk` } }],
  ];

  it.each(bad)('%s', (_name, input) => {
    const error = errorOf(input);
    expect(shown(error)).not.toContain(MARKER);
    expect(shown(error)).not.toContain('7301944218355');
    expect(shown(error)).toContain('[REDACTED]');
  });

  it('keeps the header names of a header string, so the problem can still be found', () => {
    const error = errorOf({ config: { exporters: [{ type: 'otlp', headers: `authorization=Bearer ${MARKER},x-tenant=a` as never }] } });
    expect(error.issues[0]).toMatchObject({ path: 'exporters[0].headers', value: 'authorization=[REDACTED],x-tenant=[REDACTED]' });
  });

  describe('a config file with a syntax error next to a secret', () => {
    let temp: ReturnType<typeof tempFiles>;
    afterEach(() => temp.cleanup());

    it.each([
      ['bad.json', `{\n  "serviceName": "weather",\n  "exporters": [{ "type": "otlp", "headers": { "authorization": Bearer ${MARKER} } }]\n}\n`, ':3:65:'],
      ['short.json', `{"serviceName": ${MARKER}}`, ':1:17:'],
      ['bad.yaml', `serviceName: weather\nexporters:\n  - type: otlp\n    headers: { authorization: "Bearer ${MARKER}" \n`, ':5:1:'],
    ])('%s: no snippet of the text, and the line:column', (name, text, where) => {
      temp = tempFiles({ [name]: text });
      const error = errorOf({ configFile: temp.path(name) });
      expect(shown(error)).not.toContain(MARKER);
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]!.path).toBe(`file ${temp.path(name)}${where.slice(0, -1)}`);
    });
  });
});
