import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@mcp-otel/cli';

describe('runCli', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-otel-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('check-config prints the resolved config for a valid file', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, 'serviceName: weather\nexporters:\n  - type: otlp\n    compression: gzip\n');
    const output = runCli(['check-config', file], {});
    expect(output.exitCode).toBe(0);
    expect(output.stderr).toBe('config OK\n');
    const resolved = JSON.parse(output.stdout);
    expect(resolved.serviceName).toBe('weather');
    expect(resolved.exporters).toEqual([
      expect.objectContaining({ type: 'otlp', compression: 'gzip', endpoint: 'http://localhost:4318/v1/metrics', timeoutMs: 10000 }),
    ]);
  });

  it('check-config lists every problem of a bad file and of the environment, exit 1', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ collectionIntervall: '5s', samplingRate: 3 }));
    const output = runCli(['check-config', file], { OTEL_METRIC_EXPORT_INTERVAL: 'soon' });
    expect(output.exitCode).toBe(1);
    expect(output.stdout).toBe('');
    expect(output.stderr).toContain('config has 3 problem(s)');
    expect(output.stderr).toContain('did you mean "collectionInterval"?');
    expect(output.stderr).toContain('samplingRate');
    expect(output.stderr).toContain('env OTEL_METRIC_EXPORT_INTERVAL');
  });

  it('check-config reads MCP_OTEL_CONFIG when no file is given', () => {
    const file = join(dir, 'env.json');
    writeFileSync(file, JSON.stringify({ serviceName: 'from-env-file' }));
    const output = runCli(['check-config'], { MCP_OTEL_CONFIG: file });
    expect(JSON.parse(output.stdout).serviceName).toBe('from-env-file');
  });

  it('check-config redacts secrets unless --show-secrets is given', () => {
    const file = join(dir, 'secret.yaml');
    writeFileSync(file, 'exporters:\n  - type: otlp\n    endpoint: https://u:pw-1234@otlp.example.com\n    headers: { x-api-key: key-5678 }\n');
    const redacted = runCli(['check-config', file], {});
    expect(redacted.stdout).not.toMatch(/pw-1234|key-5678/);
    expect(JSON.parse(redacted.stdout).exporters[0]).toMatchObject({ endpoint: 'https://[REDACTED]@otlp.example.com', headers: { 'x-api-key': '[REDACTED]' } });
    const shown = runCli(['check-config', '--show-secrets', file], {});
    expect(JSON.parse(shown.stdout).exporters[0]).toMatchObject({ endpoint: 'https://u:pw-1234@otlp.example.com', headers: { 'x-api-key': 'key-5678' } });
    expect(shown.stderr).toBe('config OK (secrets shown: keep this output out of logs)\n');
  });

  it('check-config redacts the secrets of alert notifiers: headers, HMAC secret, the path of a webhook URL', () => {
    const file = join(dir, 'alerts.json');
    const rule = { name: 'NoCalls', severity: 'critical', expr: { type: 'absent', metric: 'mcp.server.operation.duration', kind: 'histogram', window: '10m' } };
    const notify = [
      { type: 'webhook', url: 'https://hooks.slack.com/services/T0/B0/hook-path-4242', secret: 'hmac-4242', headers: { authorization: 'Bearer tok-4242' } },
      { type: 'alertmanager', url: 'http://am:am-pw-4242@127.0.0.1:9093', headers: { 'x-scope-orgid': 'tenant-4242' } },
    ];
    writeFileSync(file, JSON.stringify({ alerts: { rules: [rule], notify } }));
    const output = runCli(['check-config', file], {});
    expect(output.exitCode).toBe(0);
    expect(output.stdout).not.toContain('4242');
    expect(JSON.parse(output.stdout).alerts.notify[0]).toMatchObject({ url: 'https://hooks.slack.com/[REDACTED]', secret: '[REDACTED]', headers: { authorization: '[REDACTED]' } });
    expect(runCli(['check-config', '--show-secrets', file], {}).stdout).toContain('hook-path-4242');
  });

  it('check-config lists at most 20 problems, then how many more', () => {
    const file = join(dir, 'many.json');
    writeFileSync(file, JSON.stringify(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`unknown${i}`, i]))));
    const output = runCli(['check-config', file], {});
    expect(output.exitCode).toBe(1);
    const lines = output.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('config has 50 problem(s):');
    expect(lines).toHaveLength(22);
    expect(lines.at(-1)).toBe('  - … and 30 more (error.issues holds all of them)');
  });

  it('schema prints the JSON Schema of the config', () => {
    const output = runCli(['schema'], {});
    expect(output.exitCode).toBe(0);
    const schema = JSON.parse(output.stdout);
    expect(schema.$schema).toContain('2020-12');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['serviceName', 'exporters', 'samplingRate']));
  });

  it('explains unknown commands and extra arguments with the usage, exit 2', () => {
    expect(runCli(['lint'], {})).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('unknown command "lint"') });
    expect(runCli(['check-config', 'a', 'b'], {})).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('at most one file') });
    expect(runCli(['check-config', '--show-secret'], {})).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('no option "--show-secret"') });
    expect(runCli([], {})).toMatchObject({ exitCode: 2, stdout: expect.stringContaining('usage: mcp-otel') });
    expect(runCli(['help'], {}).exitCode).toBe(0);
    expect(runCli(['rules', '--strict'], {})).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('no option "--strict"') });
  });

  // Issue 9.8: `check-config --help` was read as a file named "--help".
  it.each([['check-config'], ['rules'], ['schema'], ['help']])('%s --help and -h print the usage, exit 0', (command) => {
    for (const flag of ['--help', '-h']) {
      expect(runCli([command, flag], {})).toEqual({ stdout: expect.stringContaining('usage: mcp-otel'), stderr: '', exitCode: 0 });
    }
    expect(runCli(['check-config', '--show-secrets', '--help'], {})).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('check-config [--show-secrets] [file]') });
  });
});
