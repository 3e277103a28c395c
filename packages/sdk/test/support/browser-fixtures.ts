import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import wabt from 'wabt';
import type { StaticFile } from './browser-page-server.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/browser');

/**
 * Bundles one of test/fixtures/browser/*.ts as a user's bundler would for a browser: ESM, every
 * `@mcp-otel/*` import resolved through the packages' export conditions (`browser`, or `worker`
 * first for a worker), so the built dist/esm code is what runs.
 */
export async function bundleFixture(file: string, conditions: string[] = []): Promise<string> {
  const result = await build({
    entryPoints: [path.join(FIXTURES, file)],
    bundle: true,
    platform: 'browser',
    conditions,
    format: 'esm',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** test/fixtures/browser/scenario.wat, built by wabt. */
export async function scenarioWasm(): Promise<Uint8Array> {
  const tools = await wabt();
  const module = tools.parseWat('scenario.wat', readFileSync(path.join(FIXTURES, 'scenario.wat'), 'utf8'));
  try {
    module.validate();
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

/** The files the parity test serves: a page, a worker page, their bundles and the WebAssembly module. */
export async function scenarioFiles(): Promise<Record<string, StaticFile>> {
  const html = (body: string): StaticFile => ({ type: 'text/html; charset=utf-8', body: `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>${body}</body></html>` });
  return {
    '/index.html': html('<h1>parity</h1><ul id="results"></ul><script type="module" src="/page.js"></script>'),
    '/worker.html': html('<h1>worker</h1><script type="module">const worker = new Worker("/worker.js", { type: "module" }); worker.onmessage = (event) => (globalThis.scenario = event.data);</script>'),
    '/page.js': { type: 'text/javascript', body: await bundleFixture('scenario-page.ts') },
    '/worker.js': { type: 'text/javascript', body: await bundleFixture('scenario-worker.ts', ['worker']) },
    '/scenario.wasm': { type: 'application/wasm', body: await scenarioWasm() },
  };
}
