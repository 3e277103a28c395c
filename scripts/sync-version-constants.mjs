#!/usr/bin/env node
// `npm run version-packages`: after `changeset version` has bumped the package.json versions, writes
// them into the constants the code reports at run time (the instrumentation's meter scope version,
// the SDK's OTLP User-Agent). Tests fail while a constant and its package.json disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONSTANTS = [
  { pkg: 'packages/instrumentation', file: 'src/version.ts', name: 'VERSION' },
  { pkg: 'packages/sdk', file: 'src/version.ts', name: 'SDK_VERSION' },
];

for (const { pkg, file, name } of CONSTANTS) {
  const { version } = JSON.parse(readFileSync(path.join(root, pkg, 'package.json'), 'utf8'));
  const target = path.join(root, pkg, file);
  const source = readFileSync(target, 'utf8');
  const pattern = new RegExp(`export const ${name} = '[^']*';`);
  if (!pattern.test(source)) throw new Error(`${pkg}/${file}: no "export const ${name} = '...';" to update`);
  const updated = source.replace(pattern, `export const ${name} = '${version}';`);
  if (updated !== source) writeFileSync(target, updated);
  process.stderr.write(`${pkg}/${file}: ${name} = '${version}'\n`);
}
