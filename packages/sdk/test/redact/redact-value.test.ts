import { inspect } from 'node:util';
import { protectConfig, redactConfig } from '../../src/redact/redact-config.js';
import { forgetKnownSecrets } from '../../src/redact/known-secrets.js';
import { redactHeaderList, redactValue } from '../../src/redact/redact-value.js';
import { isSecretName } from '../../src/redact/secret-name.js';
import { resolve } from '../config/helpers.js';

describe('redactValue', () => {
  afterEach(forgetKnownSecrets);

  it('hides every value under a secret name, whatever its type', () => {
    expect(
      redactValue({ authorization: 'Bearer x', apiKey: 42, clientSecret: { a: 1 }, db_password: ['p'], sessionToken: null, PWD: 'x', cookie: 'c', name: 'kept' }),
    ).toEqual({
      authorization: '[REDACTED]',
      apiKey: '[REDACTED]',
      clientSecret: '[REDACTED]',
      db_password: '[REDACTED]',
      sessionToken: '[REDACTED]',
      PWD: '[REDACTED]',
      cookie: '[REDACTED]',
      name: 'kept',
    });
  });

  it('hides every header value, keeping the names, in every form headers come in', () => {
    expect(redactValue({ headers: { 'x-tenant': 'a', 'x-n': 5 } })).toEqual({ headers: { 'x-tenant': '[REDACTED]', 'x-n': '[REDACTED]' } });
    expect(redactValue({ headers: 'authorization=Bearer x,x-tenant=a' })).toEqual({ headers: 'authorization=[REDACTED],x-tenant=[REDACTED]' });
    expect(redactValue({ headers: ['a=b'] })).toEqual({ headers: '[REDACTED]' });
    expect(redactValue({ Headers: 12 })).toEqual({ Headers: '[REDACTED]' });
    expect(redactHeaderList('Bearer abc')).toBe('[REDACTED]');
  });

  it('redacts strings anywhere and copies, never changing the input', () => {
    const input = { exporters: [{ endpoint: 'https://u:p@h/v1?token=t', port: 1 }] };
    const copy = redactValue(input);
    expect(copy).toEqual({ exporters: [{ endpoint: 'https://[REDACTED]@h/v1?token=[REDACTED]', port: 1 }] });
    expect(input.exporters[0]!.endpoint).toBe('https://u:p@h/v1?token=t');
  });

  it('shows only the origin of a webhook notifier URL: chat webhooks carry their credential in the path', () => {
    const notify = [
      { type: 'webhook', url: 'https://hooks.slack.com/services/T000/B000/XXXXSECRET', secret: 'hmac-secret' },
      { type: 'webhook', url: 'https://u:pw@hooks.example.com/' },
      { type: 'alertmanager', url: 'http://127.0.0.1:9093/' },
    ];
    expect(redactValue({ notify })).toEqual({
      notify: [
        { type: 'webhook', url: 'https://hooks.slack.com/[REDACTED]', secret: '[REDACTED]' },
        { type: 'webhook', url: 'https://hooks.example.com/' },
        { type: 'alertmanager', url: 'http://127.0.0.1:9093/' },
      ],
    });
  });

  it('survives cycles, deep nesting, throwing getters and hostile proxies', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redactValue(cyclic)).toEqual({ a: 1, self: '[Circular]' });
    let deep: unknown = 'x';
    for (let i = 0; i < 1000; i++) deep = [deep];
    expect(() => JSON.stringify(redactValue(deep))).not.toThrow();
    const getter = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(redactValue(getter)).toEqual({ boom: '[unreadable]' });
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    expect(redactValue(proxy)).toBe('[unreadable]');
  });
});

describe('redactConfig and a printed resolved config', () => {
  afterEach(forgetKnownSecrets);
  const config = () =>
    resolve({
      config: { exporters: [{ type: 'otlp', endpoint: 'https://user:pw-secret@otlp.example.com/v1/metrics', headers: { 'x-api-key': 'key-secret-1' } }] },
    });

  it('redactConfig returns a redacted copy', () => {
    expect(redactConfig(config()).exporters[0]).toMatchObject({ endpoint: 'https://[REDACTED]@otlp.example.com/v1/metrics', headers: { 'x-api-key': '[REDACTED]' } });
  });

  it('prints redacted through JSON.stringify and util.inspect, at any depth, while the values stay usable', () => {
    const resolved = config();
    for (const printed of [JSON.stringify(resolved), JSON.stringify(resolved.exporters), JSON.stringify(resolved.exporters[0]), inspect(resolved, { depth: 10 }), inspect(resolved.exporters[0])]) {
      expect(printed).not.toContain('pw-secret');
      expect(printed).not.toContain('key-secret-1');
      expect(printed).toContain('[REDACTED]');
    }
    expect(resolved.exporters[0]).toMatchObject({ endpoint: 'https://user:pw-secret@otlp.example.com/v1/metrics', headers: { 'x-api-key': 'key-secret-1' } });
    expect(Object.keys(resolved.exporters[0]!)).not.toContain('toJSON');
    expect(structuredClone(resolved).exporters[0]).toMatchObject({ headers: { 'x-api-key': 'key-secret-1' } });
  });

  it('protectConfig leaves an object that already has a toJSON alone', () => {
    const own = { toJSON: () => 'mine', token: 'x' };
    expect(JSON.stringify(protectConfig(own))).toBe('"mine"');
  });
});

describe('isSecretName', () => {
  it.each(['authorization', 'Authorization', 'auth', 'basicAuth', 'x-auth', 'authToken', 'api_key', 'X-API-KEY', 'clientSecret', 'password', 'DB_PASSWD', 'pwd', 'credentials', 'Cookie', 'X-Amz-Signature', 'sig', 'MCP_OTEL_PROMETHEUS_BEARER_TOKEN'])(
    '%s is a secret name',
    (name) => {
      expect(isSecretName(name)).toBe(true);
    },
  );

  it.each(['author', 'allowUnauthenticated', 'serviceName', 'endpoint', 'headers', 'signal', 'design', 'username', 'OTEL_EXPORTER_OTLP_ENDPOINT'])('%s is not', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});
