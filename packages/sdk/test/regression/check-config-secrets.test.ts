import { runCli } from '@mcp-otel/cli';
import { tempFiles } from '../config/helpers.js';

// Issue 10, finding 3: `mcp-otel check-config` printed every credential (header values, endpoint
// passwords, OTEL_EXPORTER_OTLP_HEADERS) to stdout, i.e. into CI logs. It now redacts by default;
// `--show-secrets` is the deliberate local look.
const MARKER = 'S3CRET-MARKER-c41e';

describe('mcp-otel check-config (issue 10, finding 3)', () => {
  let temp: ReturnType<typeof tempFiles>;
  beforeEach(() => {
    temp = tempFiles({
      'mcp-otel.json': JSON.stringify({
        exporters: [{ type: 'otlp', endpoint: `https://user:${MARKER}@otlp.example.com/v1/metrics?api_key=${MARKER}`, headers: { 'x-scope': MARKER } }],
      }),
    });
  });
  afterEach(() => temp.cleanup());
  const env = { OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer%20${MARKER}` };

  it('prints no credential by default', () => {
    const output = runCli(['check-config', temp.path('mcp-otel.json')], env);
    expect(output.exitCode).toBe(0);
    expect(output.stdout + output.stderr).not.toContain(MARKER);
    expect(JSON.parse(output.stdout).exporters[0]).toMatchObject({
      endpoint: 'https://[REDACTED]@otlp.example.com/v1/metrics?api_key=[REDACTED]',
      headers: { 'x-scope': '[REDACTED]', authorization: '[REDACTED]' },
    });
  });

  it('prints them with --show-secrets, and says so on stderr', () => {
    const output = runCli(['check-config', '--show-secrets', temp.path('mcp-otel.json')], env);
    expect(output.exitCode).toBe(0);
    expect(JSON.parse(output.stdout).exporters[0].headers).toEqual({ 'x-scope': MARKER, authorization: `Bearer ${MARKER}` });
    expect(output.stderr).toContain('secrets shown');
  });
});
