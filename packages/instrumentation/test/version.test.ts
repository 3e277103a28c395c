import fs from 'node:fs';
import path from 'node:path';
import { VERSION } from '@mcp-otel/instrumentation';

describe('VERSION', () => {
  it('equals the package.json version (it is the meter scope version)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
