import fs from 'node:fs';
import path from 'node:path';
import { SDK_VERSION } from '../src/version.js';

describe('SDK_VERSION', () => {
  it('equals the package.json version (the OTLP exporter sends it as User-Agent mcp-otel/<version>)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    expect(SDK_VERSION).toBe(pkg.version);
  });
});
