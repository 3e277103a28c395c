import { build, type BuildOptions, type Metafile } from 'esbuild';
import { builtinModules } from 'node:module';
import { REPO_ROOT } from '../peers/peer-paths.js';

/** Node globals a browser bundle must not name: esbuild `define`s each to a marker found in the output. */
const NODE_GLOBALS = ['process', 'Buffer', 'require', 'global', '__dirname', '__filename'] as const;
const MARKER = '__NODE_GLOBAL_IN_BROWSER_BUNDLE__';
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** A browser bundle and the Node parts found in it (all empty for a clean one). */
export interface BrowserBundle {
  readonly code: string;
  readonly metafile: Metafile;
  /** Free references to `process`, `Buffer`, `require`, ... (reads through `globalThis` are fine), as `<global> in <module>`. */
  readonly nodeGlobals: string[];
  /** Imports of Node built-ins (`node:fs`, `path`, ...) that esbuild resolved or kept external. */
  readonly builtinImports: string[];
}

/**
 * Bundles `contents` (an ES module, resolved from the repository root so `@mcp-otel/*` go through
 * the packages' `exports`) as esbuild `--platform=browser` does, and reports every Node part in it.
 * A Node built-in that cannot be resolved makes the build itself reject.
 */
export async function bundleForBrowser(contents: string, options: Pick<BuildOptions, 'conditions' | 'minify' | 'platform' | 'external'> = {}): Promise<BrowserBundle> {
  const result = await build({
    stdin: { contents, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: Object.fromEntries(NODE_GLOBALS.map((name) => [name, `${MARKER}${name}`])),
    ...options,
  });
  const code = result.outputFiles[0]!.text;
  // esbuild heads each module's code with a `// <path>` line (unminified): name the module of each reference.
  let module = '(entry)';
  const nodeGlobals: string[] = [];
  for (const line of code.split('\n')) {
    if (line.startsWith('// ')) module = line.slice(3).trim();
    for (const match of line.matchAll(new RegExp(`${MARKER}(\\w+)`, 'g'))) nodeGlobals.push(`${match[1]!} in ${module}`);
  }
  const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
  return { code, metafile: result.metafile, nodeGlobals: [...new Set(nodeGlobals)], builtinImports: imports.filter((path) => BUILTINS.has(path)) };
}
