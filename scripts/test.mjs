#!/usr/bin/env node
// `npm test [-- <jest args>]`: installs missing test peers, builds, runs jest, prints one summary line.
//
// 1. scripts/install-peers.sh. A peer that cannot be installed fails the run when CI=true; elsewhere
//    its tests report themselves as skipped with the reason (.peers/unavailable/<peer>, read by
//    packages/sdk/test/peers/describe-with-peer.ts).
// 2. `tsc -b`, because some tests spawn built code.
// 3. jest, with its usual report on stderr and JSON results in .tmp/jest-results.json; then exactly
//    one line on stdout: `tests: N passed, N failed[, N skipped]`. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const peersDir = process.env.MCP_OTEL_PEERS_DIR ?? path.join(root, '.peers');
const resultsFile = path.join(root, '.tmp', 'jest-results.json');
const summaryFile = path.join(root, '.tmp', 'test-summary.txt');
const ci = process.env.CI === 'true';
const say = (line) => process.stderr.write(`test: ${line}\n`);

function run(command, args, extraEnv = {}) {
  // stdout of every step goes to stderr: stdout carries only the summary line.
  const result = spawnSync(command, args, { cwd: root, stdio: ['inherit', 2, 2], env: { ...process.env, ...extraEnv } });
  if (result.error) say(`${command} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

function unavailablePeers() {
  const dir = path.join(peersDir, 'unavailable');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && !name.endsWith('.new'))
    .map((name) => `${name}: ${readFileSync(path.join(dir, name), 'utf8').trim()}`);
}

mkdirSync(path.dirname(resultsFile), { recursive: true });
rmSync(resultsFile, { force: true });
rmSync(summaryFile, { force: true });

say('installing missing test peers (scripts/install-peers.sh)');
const peersStatus = run('bash', [path.join(root, 'scripts', 'install-peers.sh')]);
const missing = unavailablePeers();
if (peersStatus !== 0 || missing.length > 0) {
  const why = missing.length > 0 ? missing.join('; ') : `install-peers.sh exited ${peersStatus}`;
  // Under CI the tests still run (their peer tests fail with the reason), and the run fails.
  say(ci ? `ERROR: test peers missing under CI=true: ${why}` : `test peers missing, their tests will be skipped: ${why}`);
}

say('building (tsc -b)');
if (run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']) !== 0) {
  say('build failed; not running the tests');
  process.exit(1);
}

// @opentelemetry/otlp-exporter-base loads node:http with a dynamic import(), which jest's VM
// supports only with --experimental-vm-modules.
const nodeOptions = [process.env.NODE_OPTIONS ?? '', '--experimental-vm-modules', '--disable-warning=ExperimentalWarning']
  .join(' ')
  .trim();
const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const jestArgs = ['--json', `--outputFile=${resultsFile}`, ...(ci ? ['--ci'] : []), ...process.argv.slice(2)];
const jestStatus = run(process.execPath, [jestBin, ...jestArgs], { NODE_OPTIONS: nodeOptions });

if (!existsSync(resultsFile)) {
  say(`jest exited ${jestStatus} without writing ${path.relative(root, resultsFile)}`);
  process.exit(1);
}
const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
let summary = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed`;
if (results.numPendingTests > 0) summary += `, ${results.numPendingTests} skipped`;
if (results.numRuntimeErrorTestSuites > 0) summary += `, ${results.numRuntimeErrorTestSuites} suites failed to run`;
if (ci && missing.length > 0) say(`ERROR: test peers missing under CI=true: ${missing.join('; ')}`);
writeFileSync(summaryFile, `${summary}\n`);
process.stdout.write(`${summary}\n`);

const failed = jestStatus !== 0 || results.numFailedTests > 0 || results.numRuntimeErrorTestSuites > 0 || !results.success;
process.exit(failed || (ci && (peersStatus !== 0 || missing.length > 0)) ? 1 : 0);
