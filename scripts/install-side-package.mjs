#!/usr/bin/env node
// install-side-package.mjs DIR...: `npm ci` in each DIR (a private package.json + lockfile beside
// the repo's code, NOT a workspace) into DIR/node_modules, quietly, once per change of its
// package.json, lockfile or Node version. npm's output goes to .tmp/install-<dir>.log; only a
// failure is printed (stderr), with the log's last lines.
//
// The side packages hold what would make the root `npm install` noisy (issue 9.6):
// - bench/: the libraries the benchmarks compare against. @shinzolabs/instrumentation-mcp pulls an
//   old @opentelemetry/sdk-node whose peer range excludes the repo's @opentelemetry/api (34 ERESOLVE
//   blocks in the root install). `npm run bench` / `bench:check` call this first.
// - packages/instrumentation/test/: keyv 6, which the cache-wrapper tests run against and which
//   declares Node >= 22.19 (EBADENGINE on Node 20). The root `postinstall` calls this.
// Node resolves DIR/node_modules for the code under DIR (bench/dist, the tests), and the root
// node_modules for everything else. DIR/.npmrc keeps the install shallow and without peers, so that
// code still gets the repo's own @opentelemetry/api and MCP SDK; a package that is in both places
// at different versions stops the install (a second @opentelemetry/api of another version would
// split OTel's global state and turn the bench's meters into silent no-ops).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootModules = path.join(root, 'node_modules');
const say = (line) => process.stderr.write(`install-side-package: ${line}\n`);

/** Top-level package names in a node_modules folder (scoped ones as `@scope/name`). */
function topLevel(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .flatMap((e) => (e.name.startsWith('@') ? readdirSync(path.join(dir, e.name)).map((n) => `${e.name}/${n}`) : [e.name]));
}

function versionIn(modules, name) {
  const file = path.join(modules, name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
}

/** Installs one side package; returns false (after saying why) when it could not. */
function install(relative) {
  const dir = path.resolve(root, relative);
  const modules = path.join(dir, 'node_modules');
  const stampFile = path.join(modules, '.mcp-otel-installed');
  const stamp = createHash('sha256')
    .update(readFileSync(path.join(dir, 'package.json')))
    .update(readFileSync(path.join(dir, 'package-lock.json')))
    .update(process.version)
    .digest('hex');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp) return true;

  const logFile = path.join(root, '.tmp', `install-${path.relative(root, dir).replaceAll(path.sep, '-')}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  const started = Date.now();
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--install-strategy=shallow', '--omit=peer'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = `${npm.stdout ?? ''}${npm.stderr ?? ''}${npm.error ? `${npm.error.message}\n` : ''}`;
  writeFileSync(logFile, `$ npm ci (in ${relative})\n${output}`);
  const log = path.relative(root, logFile);
  if (npm.status !== 0) {
    say(`npm ci in ${relative} failed (exit ${npm.status ?? 'none'}); the last lines of ${log}:\n${output.trim().split('\n').slice(-15).join('\n')}`);
    return false;
  }
  // Only what the repo's own code imports matters (a second @opentelemetry/api would be a different
  // global); a tool's private dependency hoisted to the root (eslint's keyv 4) is shadowed harmlessly.
  const shared = repoDependencies();
  const shadows = topLevel(modules)
    .filter((name) => shared.has(name))
    .map((name) => ({ name, here: versionIn(modules, name), there: versionIn(rootModules, name) }))
    .filter((p) => p.there !== undefined && p.here !== p.there);
  for (const s of shadows) {
    say(`${relative}/node_modules/${s.name} is ${s.here} but the repo's is ${s.there}: pin ${s.name}@${s.there} in ${relative}/package.json, or drop what pulls it`);
  }
  if (shadows.length > 0) return false;
  writeFileSync(stampFile, `${stamp}\n`);
  say(`${relative}: installed in ${((Date.now() - started) / 1000).toFixed(0)} s (npm's log: ${log})`);
  return true;
}

/** Every package the root or a workspace names as a dependency of any kind. */
function repoDependencies() {
  const names = new Set();
  const manifests = ['package.json', ...readdirSync(path.join(root, 'packages')).map((name) => path.join('packages', name, 'package.json')), 'examples/demo/package.json'];
  for (const file of manifests) {
    const full = path.join(root, file);
    if (!existsSync(full)) continue;
    const manifest = JSON.parse(readFileSync(full, 'utf8'));
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const name of Object.keys(manifest[field] ?? {})) names.add(name);
    }
  }
  return names;
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  say('usage: install-side-package.mjs DIR...');
  process.exit(2);
}
process.exitCode = dirs.map(install).every(Boolean) ? 0 : 1;
