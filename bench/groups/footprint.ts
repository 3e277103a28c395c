/**
 * Group `footprint` (issue 9.5): what installing mcp-otel adds to an MCP server app. Two fresh apps
 * in a temp folder, installed as a user would (`npm install`, preferring the npm cache):
 * - `mcp-sdk`: `@modelcontextprotocol/sdk` alone (the version the repo uses);
 * - `with-mcp-otel`: the same plus the `npm pack` tarballs of @mcp-otel/sdk, /instrumentation and
 *   /cli (built dist/ included; npm adds the `@opentelemetry/api` peer).
 * Figures: `du -sk node_modules` and the number of packages of each app, and the difference
 * (`footprint.added.*`), which bench/targets.ts caps. `footprint.with-mcp-otel.ls-clean` is 1 when
 * `npm ls --all` finds no problem in the app. Sizes do not vary from run to run (not noisy).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figure, GroupResult } from '../lib/figures.js';
import { installApp, packWorkspace, repoVersionOf, type AppWeight } from '../lib/npm-app.js';
import type { GroupOptions } from './group-options.js';

const PACKAGES = ['sdk', 'instrumentation', 'cli'] as const;

function appFigures(id: string, label: string, weight: AppWeight): Figure[] {
  return [
    { id: `footprint.${id}.bytes`, label: `${label}: node_modules on disk (du)`, value: weight.bytes, unit: 'B' },
    { id: `footprint.${id}.packages`, label: `${label}: packages installed`, value: weight.packages, unit: 'count' },
  ];
}

export function runFootprint(_options: GroupOptions): GroupResult {
  const work = mkdtempSync(join(tmpdir(), 'mcp-otel-footprint-'));
  try {
    const mcpSdk = `@modelcontextprotocol/sdk@${repoVersionOf('@modelcontextprotocol/sdk')}`;
    const tarballs = PACKAGES.map((name) => packWorkspace(name, work));
    const alone = installApp(join(work, 'mcp-sdk'), [mcpSdk]);
    const withUs = installApp(join(work, 'with-mcp-otel'), [mcpSdk, ...tarballs]);
    const figures: Figure[] = [
      ...appFigures('mcp-sdk', `${mcpSdk} alone`, alone),
      ...appFigures('with-mcp-otel', `${mcpSdk} + the three @mcp-otel tarballs`, withUs),
      { id: 'footprint.added.bytes', label: 'added by the @mcp-otel packages (du difference)', value: withUs.bytes - alone.bytes, unit: 'B' },
      { id: 'footprint.added.packages', label: 'packages added by the @mcp-otel packages', value: withUs.packages - alone.packages, unit: 'count' },
      { id: 'footprint.with-mcp-otel.ls-clean', label: 'npm ls --all clean in the app with the @mcp-otel packages (1 = yes)', value: withUs.lsClean ? 1 : 0, unit: 'count' },
    ];
    return { group: 'footprint', figures, notes: [`node ${process.version}; installs with --prefer-offline in ${tmpdir()}`] };
  } finally {
    if (process.env.MCP_OTEL_BENCH_KEEP === undefined) rmSync(work, { recursive: true, force: true });
    else process.stderr.write(`footprint: kept ${work}\n`);
  }
}
