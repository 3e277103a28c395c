import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import path from 'node:path';

const SDK = path.resolve(__dirname, '../..');

/**
 * Node apart (issue 11): the portable entry bundles for a browser. esbuild with
 * `--platform=browser` fails on any Node built-in reached from it (and picks the browser builds of
 * the OTel packages); the bundle's inputs must hold no file of platform/node/.
 */
describe('the portable entry (src/portable.ts)', () => {
  it('bundles with esbuild --platform=browser, reaching no Node built-in and no platform/node/ file', async () => {
    const result = await build({
      entryPoints: [path.join(SDK, 'src/portable.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('packages/sdk/src/plan/plan.ts'))).toBe(true);
    expect(inputs.filter((input) => input.includes('platform/node'))).toEqual([]);
    const nodeModules = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imports.filter((specifier) => nodeModules.has(specifier))).toEqual([]);
  }, 60_000);

  it('fails the same bundle when the Node entry is asked for (the test can fail)', async () => {
    await expect(
      build({ entryPoints: [path.join(SDK, 'src/index.ts')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' }),
    ).rejects.toThrow(/node:|Could not resolve/);
  }, 60_000);
});
