import { bundleForBrowser } from '../../support/browser-bundle.js';

// Issue 15 item 2: each browser entry, picked through the packages' export conditions, bundles
// with esbuild --platform=browser without any Node built-in or Node global. Built code (dist/esm)
// is what the conditions point at: `npm test` builds first.

/**
 * Node globals OTel's own browser builds name, each behind a `typeof` check (feature detection, no
 * bundler adds a shim for them): the API finds the global object. Anything else, and anything in
 * our packages (the OTLP encoder included), fails.
 */
const OTEL_FEATURE_CHECKS = [
  'global in node_modules/@opentelemetry/api/build/esm/internal/global-utils.js',
  // The same check in api 1.10, whose build moved to dist/*.mjs (the OTel 3.x line, CI's Node 24 leg).
  'global in node_modules/@opentelemetry/api/dist/internal/global-utils.mjs',
];
describe('the browser entries', () => {
  it.each([
    ['@mcp-otel/sdk', 'packages/sdk/dist/esm/browser.js'],
    ['@mcp-otel/sdk/portable', 'packages/sdk/dist/esm/portable.js'],
    ['@mcp-otel/instrumentation', 'packages/instrumentation/dist/esm/index.js'],
  ])('%s bundles for the browser from %s, with no node: import, process, Buffer or require', async (specifier, file) => {
    const bundle = await bundleForBrowser(`import * as entry from '${specifier}'; console.log(entry);`);
    expect(Object.keys(bundle.metafile.inputs)).toContain(file);
    expect(Object.keys(bundle.metafile.inputs).filter((input) => input.includes('platform/node'))).toEqual([]);
    expect(bundle.builtinImports).toEqual([]);
    expect(bundle.nodeGlobals.filter((found) => !OTEL_FEATURE_CHECKS.includes(found))).toEqual([]);
  }, 60_000);

  it('is what the worker condition picks too, and the node condition picks the Node build', async () => {
    const worker = await bundleForBrowser(`import { startMetrics } from '@mcp-otel/sdk'; console.log(startMetrics);`, { conditions: ['worker'], platform: 'neutral', external: ['@opentelemetry/*', 'zod', 'zod/*', 'yaml'] });
    expect(Object.keys(worker.metafile.inputs)).toContain('packages/sdk/dist/esm/browser.js');
    expect(require.resolve('@mcp-otel/sdk')).toMatch(/packages\/sdk\/(dist\/index\.js|src\/index\.ts)$/);
  }, 60_000);

  it('finds Node globals and built-ins when a bundle has them (the check can fail)', async () => {
    const bundle = await bundleForBrowser(`console.log(process.env.HOME, Buffer.from('x'), typeof require, globalThis.process);`);
    expect(bundle.nodeGlobals.map((found) => found.split(' ')[0]).sort()).toEqual(['Buffer', 'process', 'require']);
    await expect(bundleForBrowser(`import { readFileSync } from 'node:fs'; console.log(readFileSync);`)).rejects.toThrow(/node:fs/);
  }, 60_000);
});
