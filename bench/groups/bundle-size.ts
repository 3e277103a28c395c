/**
 * Group `bundle`: bytes a browser ships (issue 15 item 4). Each program of
 * bench/cases/browser-programs.ts is bundled by esbuild as a user's build would (browser platform,
 * ESM, minified, the packages' `browser` export condition picking dist/esm), then gzipped (level 9).
 * Sizes are exact, not sampled: one run is enough. The notes list what fills our bundle.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { BROWSER_PROGRAMS, EXPORTER_MODULES } from '../cases/browser-programs.js';
import type { Figure, GroupResult } from '../lib/figures.js';

const ROOT = path.resolve(__dirname, '../..');

/** The package (or workspace package) a bundled module belongs to. */
function packageOf(input: string): string {
  const parts = input.replace(/^node_modules\//, '').split('/');
  if (parts[0] === 'packages') return `@mcp-otel/${parts[1]}`;
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

export async function runBundleSize(): Promise<GroupResult> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const program of BROWSER_PROGRAMS) {
    const result = await build({
      stdin: { contents: program.source, resolveDir: ROOT, loader: 'js', sourcefile: `${program.name}.js` },
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      external: ['@modelcontextprotocol/*'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    const inputs = Object.values(result.metafile.outputs)[0]!.inputs;
    figures.push(
      { id: `bundle.${program.name}.min`, label: `${program.label}: minified`, value: code.byteLength, unit: 'B' },
      { id: `bundle.${program.name}.gzip`, label: `${program.label}: minified + gzip`, value: gzipSync(code, { level: 9 }).byteLength, unit: 'B' },
    );
    if (program.name === 'facade') {
      const exporters = Object.keys(inputs).filter((input) => EXPORTER_MODULES.test(input));
      figures.push({ id: 'bundle.facade.exporter-modules', label: 'facade-only bundle: exporter modules in it', value: exporters.length, unit: 'count' });
      if (exporters.length > 0) notes.push(`facade-only bundle holds exporter code: ${exporters.join(', ')}`);
    }
    if (program.name === 'ours') {
      const byPackage = new Map<string, number>();
      for (const [input, { bytesInOutput }] of Object.entries(inputs)) byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
      const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 6);
      notes.push(`ours, minified bytes by package: ${top.map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(1)} KiB`).join(', ')}`);
    }
  }
  return { group: 'bundle', figures, notes };
}
