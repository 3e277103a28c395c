import { spawnSync } from 'node:child_process';
import path from 'node:path';

const tsc = path.join(__dirname, '..', '..', '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');

describe('type tests (expect-type, checked by tsc)', () => {
  it('compile: the wrappers keep the types they are given, and misuses do not compile', () => {
    const run = spawnSync(process.execPath, [tsc, '-p', path.join(__dirname, 'tsconfig.json'), '--listFilesOnly'], { encoding: 'utf8' });
    // The type tests are part of the program (a config that matched nothing would "pass").
    expect(run.stdout).toContain('wrappers.test-d.ts');
    const check = spawnSync(process.execPath, [tsc, '-p', path.join(__dirname, 'tsconfig.json')], { encoding: 'utf8', timeout: 120_000 });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 120_000);
});
