import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const fixture = path.join(__dirname, '..', 'fixtures', 'unhandled-rejection.js');
const built = path.join(__dirname, '..', '..', 'dist', 'index.js');

describe('a rejected promise the host leaves unhandled', () => {
  it('is still reported by Node as unhandled through every wrapper that watches promises', () => {
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npx tsc -b" first (npm test does it)`);
    const child = spawnSync(process.execPath, [fixture], { encoding: 'utf8', timeout: 20_000 });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual(['cache', 'storage', 'unwrapped']);
  });
});
