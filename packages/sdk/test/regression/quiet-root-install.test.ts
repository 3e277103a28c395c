import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { REPO_ROOT } from '../peers/peer-paths.js';

// Issue 9.6: `npm install` at the repo root printed 34 ERESOLVE blocks (a bench-only competitor,
// @shinzolabs/instrumentation-mcp, pulled @opentelemetry/sdk-node 0.51.1, whose peer range
// `@opentelemetry/api >=1.3.0 <1.9.0` excludes the repo's 1.9.1) and 25 EBADENGINE lines (keyv 6
// declares Node >= 22.19). Both now live in side packages (bench/, packages/instrumentation/test/,
// installed by scripts/install-side-package.mjs). This reads the root lockfile, the tree npm
// installs, and finds what would make npm warn again: a peer that resolves to a version outside the
// range asking for it, or an `engines.node` the running Node does not satisfy. No install is run.

interface LockEntry {
  version?: string;
  link?: boolean;
  engines?: Record<string, string> | string[];
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

interface Lockfile {
  packages: Record<string, LockEntry>;
}

/** The lock path a package at `location` gets for `name` by Node's lookup (nearest node_modules up). */
function resolveFrom(lock: Lockfile, location: string, name: string): string | undefined {
  let dir = location;
  for (;;) {
    const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
    if (lock.packages[candidate] !== undefined) return candidate;
    if (dir === '') return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut >= 0 ? dir.slice(0, cut) : dir.startsWith('node_modules/') ? '' : path.posix.dirname(dir) === '.' ? '' : path.posix.dirname(dir);
  }
}

/** Every peer conflict (what npm reports as ERESOLVE overriding) and engine mismatch in a lockfile. */
function installProblems(lock: Lockfile, nodeVersion: string): string[] {
  const problems: string[] = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (location === '' || entry.link === true) continue;
    const label = `${location.replace(/^.*node_modules\//, '')}@${entry.version ?? '?'}`;
    const nodeRange = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (nodeRange !== undefined && !semver.satisfies(nodeVersion, nodeRange, { includePrerelease: true })) {
      problems.push(`EBADENGINE ${label} wants node ${nodeRange}, running ${nodeVersion}`);
    }
    for (const [peer, range] of Object.entries(entry.peerDependencies ?? {})) {
      const found = resolveFrom(lock, location, peer);
      const version = found === undefined ? undefined : lock.packages[found]?.version;
      if (version === undefined) {
        if (entry.peerDependenciesMeta?.[peer]?.optional !== true) problems.push(`peer ${peer}@${range} of ${label} is missing`);
        continue;
      }
      if (!semver.satisfies(version, range, { includePrerelease: true })) problems.push(`ERESOLVE ${label} wants ${peer}@${range}, gets ${version}`);
    }
  }
  return problems;
}

describe('the root install (issue 9.6)', () => {
  it('has no peer conflict and no engine mismatch in the root lockfile', () => {
    const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
    expect(installProblems(lock, process.version)).toEqual([]);
  });

  it('finds what made npm warn before: an overridden peer range and an engine above the running Node', () => {
    // The shape of the old root lockfile's entries, cut to what matters.
    const lock: Lockfile = {
      packages: {
        '': {},
        'node_modules/@opentelemetry/api': { version: '1.9.1' },
        'node_modules/@shinzolabs/instrumentation-mcp': { version: '1.1.0', engines: { node: '>=22.16' } },
        'node_modules/@opentelemetry/sdk-node': { version: '0.51.1', peerDependencies: { '@opentelemetry/api': '>=1.3.0 <1.9.0' } },
        'node_modules/@opentelemetry/sdk-node/node_modules/@opentelemetry/core': { version: '1.24.1', peerDependencies: { '@opentelemetry/api': '>=1.0.0 <1.9.0' } },
        'node_modules/keyv': { version: '6.1.0', engines: { node: '>=22.19.0' }, peerDependencies: { '@keyv/serialize': '*' }, peerDependenciesMeta: { '@keyv/serialize': { optional: true } } },
        'node_modules/lru-cache': { version: '11.5.4', engines: { node: '20 || >=22' } },
        'node_modules/ok-peer': { version: '1.0.0', peerDependencies: { '@opentelemetry/api': '^1.3.0' } },
        'node_modules/needs-peer': { version: '1.0.0', peerDependencies: { 'not-installed': '^1.0.0' } },
      },
    };
    expect(installProblems(lock, 'v20.20.2')).toEqual([
      'EBADENGINE @shinzolabs/instrumentation-mcp@1.1.0 wants node >=22.16, running v20.20.2',
      'ERESOLVE @opentelemetry/sdk-node@0.51.1 wants @opentelemetry/api@>=1.3.0 <1.9.0, gets 1.9.1',
      'ERESOLVE @opentelemetry/core@1.24.1 wants @opentelemetry/api@>=1.0.0 <1.9.0, gets 1.9.1',
      'EBADENGINE keyv@6.1.0 wants node >=22.19.0, running v20.20.2',
      'peer not-installed@^1.0.0 of needs-peer@1.0.0 is missing',
    ]);
    expect(installProblems(lock, 'v24.1.0').filter((p) => p.startsWith('EBADENGINE'))).toEqual([]);
  });
});
