#!/usr/bin/env node
// `npm run typecheck:tests` (part of `npm run lint`): type-checks every test, fixture and test helper,
// because ts-jest only transpiles them (isolated modules) and a test with a type error still runs.
//
// `tsc -b` first (the tests resolve `@mcp-otel/*` to the built declarations, as users do), then one
// `tsc --noEmit` per config, in parallel, each reported in full (one failing does not hide another):
// - tsconfig.test.json: packages/*/test and examples/*/test, Node types (what jest runs);
// - tsconfig.test-browser.json: the pages the browser tests bundle, and examples/browser/src (DOM);
// - tsconfig.test-worker.json: the Web Worker they run (WebWorker).
// bench/ is checked by its own config when it builds (`npm run bench`: `tsc -b bench`).
// Incremental: the build info is kept in .tmp/typecheck/, so a second run checks only what changed.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const configs = ['tsconfig.test.json', 'tsconfig.test-browser.json', 'tsconfig.test-worker.json'];

const build = spawnSync(process.execPath, [tsc, '-b'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  process.stderr.write('typecheck:tests: `tsc -b` failed; the tests were not checked\n');
  process.exit(1);
}

/** Runs tsc on one config; resolves to its exit code and everything it printed. */
function check(config) {
  const buildInfo = path.join('.tmp', 'typecheck', `${path.basename(config, '.json')}.tsbuildinfo`);
  const args = [tsc, '-p', config, '--noEmit', '--incremental', '--tsBuildInfoFile', buildInfo];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ config, status: 1, output: `${output}${error.message}\n` }));
    child.on('close', (status) => resolve({ config, status: status ?? 1, output }));
  });
}

const results = await Promise.all(configs.map(check));
const failed = results.filter((result) => result.status !== 0);
for (const { config, output } of failed) process.stderr.write(`\ntypecheck:tests: ${config}\n${output}`);
const verdict = failed.length === 0 ? `no type errors in ${configs.join(', ')}` : `type errors in ${failed.map((r) => r.config).join(', ')}`;
process.stderr.write(`typecheck:tests: ${verdict}\n`);
process.exit(failed.length === 0 ? 0 : 1);
