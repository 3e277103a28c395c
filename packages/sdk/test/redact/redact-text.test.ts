import { forgetKnownSecrets, rememberSecrets } from '../../src/redact/known-secrets.js';
import { redactText } from '../../src/redact/redact-text.js';

describe('redactText', () => {
  afterEach(forgetKnownSecrets);

  it.each([
    ['http://user:pa55@collector:4318/v1/metrics', 'http://[REDACTED]@collector:4318/v1/metrics'],
    ['https://only-user@host/x', 'https://[REDACTED]@host/x'],
    ['got "user:pa55@collector:4318"', 'got "[REDACTED]@collector:4318"'],
    ['mail me@example.com at 10:30', 'mail me@example.com at 10:30'],
    ['see "http://u:p@ss@host/x" now', 'see "http://[REDACTED]@host/x" now'],
    ['https://host/v1/metrics?api_key=abc&tenant=a', 'https://host/v1/metrics?api_key=[REDACTED]&tenant=a'],
    ['https://host/?x=1&access_token=abc#frag', 'https://host/?x=1&access_token=[REDACTED]#frag'],
    ['https://host/?X-Amz-Signature=abc&sig=def', 'https://host/?X-Amz-Signature=[REDACTED]&sig=[REDACTED]'],
    ['authorization=Bearer abc,x-tenant=a', 'authorization=[REDACTED],x-tenant=a'],
    ['api-key = s3cr3t; next', 'api-key = [REDACTED]; next'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig_-', 'Authorization: Bearer [REDACTED]'],
    ['basic dXNlcjpwYXNz==', 'basic [REDACTED]'],
    ['{"apiKey":"a\\"b","x":"y"}', '{"apiKey":"[REDACTED]","x":"y"}'],
    ["{ password: 'hunter2', user: 'me' }", "{ password: '[REDACTED]', user: 'me' }"],
    ['level=info token="abc def" ok', 'level=info token="[REDACTED]" ok'],
    ['token="abc" level=info api_key=xyz done', 'token="[REDACTED]" level=info api_key=[REDACTED]'],
    ["{ 'password': 'hunter2' }", "{ 'password': '[REDACTED]' }"],
  ])('%s', (text, redacted) => {
    expect(redactText(text)).toBe(redacted);
  });

  it('leaves text without secrets as it is, and is idempotent', () => {
    for (const text of ['exporters[0].port: got "abc", expected an integer 0..65535', 'http://localhost:4318/v1/metrics', 'tenant=a,region=eu', '']) {
      expect(redactText(text)).toBe(text);
    }
    const once = redactText('http://u:p@h/?token=x authorization=Bearer y');
    expect(redactText(once)).toBe(once);
  });

  it('replaces remembered secret values wherever they appear, but not short ones', () => {
    rememberSecrets(['tenant-42-secret', 'abc']);
    expect(redactText('export to x-scope: tenant-42-secret failed (abc)')).toBe('export to x-scope: [REDACTED] failed (abc)');
  });

  it('is linear on hostile input', () => {
    const hostile = ['a://'.repeat(50_000), '?a=b&'.repeat(50_000), `"k":"${'x'.repeat(200_000)}`, "'password':'".repeat(30_000), 'a.'.repeat(100_000)];
    for (const text of hostile) {
      const start = performance.now();
      redactText(text);
      expect(performance.now() - start).toBeLessThan(2000);
    }
  });
});
