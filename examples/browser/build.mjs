// `npm run build -w examples/browser`: bundles src/app.ts into dist/app.js (esbuild, browser
// platform: the `browser` export condition picks the ESM browser builds of @mcp-otel/*) and builds
// the page's WebAssembly module, dist/math.wasm, from the demo's WAT source with wabt.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

const here = path.dirname(fileURLToPath(import.meta.url));
mkdirSync(path.join(here, 'dist'), { recursive: true });
await build({
  entryPoints: [path.join(here, 'src/app.ts')],
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  outfile: path.join(here, 'dist/app.js'),
  logLevel: 'warning',
});
const tools = await wabt();
const wat = path.join(here, '../demo/src/demo-math.wat');
const module = tools.parseWat('demo-math.wat', readFileSync(wat, 'utf8'));
try {
  module.validate();
  writeFileSync(path.join(here, 'dist/math.wasm'), module.toBinary({}).buffer);
} finally {
  module.destroy();
}
process.stderr.write('examples/browser: built dist/app.js and dist/math.wasm\n');
