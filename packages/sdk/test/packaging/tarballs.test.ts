import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../peers/peer-paths.js';

// Issue 9 item 4: what `npm publish` would ship, package by package, read from `npm pack --dry-run`
// (the built dist/ must exist: npm test builds first).
const PACKAGES = ['sdk', 'instrumentation', 'cli'] as const;

interface PackListing {
  files: { path: string }[];
}

function packedFiles(pkg: (typeof PACKAGES)[number]): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: path.join(REPO_ROOT, 'packages', pkg), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (JSON.parse(output) as PackListing[])[0]!.files.map((file) => file.path).sort();
}

describe.each(PACKAGES)('the @mcp-otel/%s tarball', (pkg) => {
  const files = packedFiles(pkg);
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'packages', pkg, 'package.json'), 'utf8')) as Record<string, unknown>;

  it('carries the Apache-2.0 LICENSE, a README and the built entry point with its types', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts']));
    expect(readFileSync(path.join(REPO_ROOT, 'packages', pkg, 'LICENSE'), 'utf8')).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(manifest.license).toBe('Apache-2.0');
  });

  it('ships no tests, fixtures, sources, source maps or build info', () => {
    const unwanted = files.filter((file) => /(^|\/)(test|tests|fixtures|src)\//.test(file) || /\.(map|tsbuildinfo)$/.test(file) || file.endsWith('.ts') && !file.endsWith('.d.ts'));
    expect(unwanted).toEqual([]);
  });

  it('names its repository, homepage, issue tracker and keywords', () => {
    expect(manifest.repository).toEqual({ type: 'git', url: 'git+https://github.com/mcp-otel/mcp-otel.git', directory: `packages/${pkg}` });
    expect(manifest.homepage).toBe(`https://github.com/mcp-otel/mcp-otel/tree/main/packages/${pkg}#readme`);
    expect(manifest.bugs).toEqual({ url: 'https://github.com/mcp-otel/mcp-otel/issues' });
    expect(manifest.keywords).toEqual(expect.arrayContaining(['mcp', 'opentelemetry']));
  });
});
