import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The built bin, as `npx mcp-otel` runs it (npm test builds before jest runs).
const bin = join(__dirname, '..', 'dist', 'cli.js');

describe('mcp-otel bin', () => {
  beforeAll(() => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run "npm run build" first (npm test does it)`);
  });

  it('prints the schema on stdout and exits 0', () => {
    const result = spawnSync(process.execPath, [bin, 'schema'], { encoding: 'utf8', env: {} });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).type).toBe('object');
  });

  it('reports problems on stderr with exit code 1', () => {
    const result = spawnSync(process.execPath, [bin, 'check-config'], { encoding: 'utf8', env: { OTEL_METRICS_EXPORTER: 'promethus' } });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('env OTEL_METRICS_EXPORTER');
    expect(result.stderr).toContain('did you mean "prometheus"?');
  });
});
