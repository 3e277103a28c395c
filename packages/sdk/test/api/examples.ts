import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../../../..');

/** One code example: where it is written, and its TypeScript. */
export interface Example {
  where: string;
  code: string;
}

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full, ext);
    return name.endsWith(ext) ? [full] : [];
  });
}

/** Every ```ts block of the user docs (README files and docs/). */
export function docExamples(): Example[] {
  const docs = [path.join(ROOT, 'README.md'), ...['sdk', 'instrumentation', 'cli'].map((p) => path.join(ROOT, 'packages', p, 'README.md')), ...filesUnder(path.join(ROOT, 'docs'), '.md')];
  return docs.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    return [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((match, i) => ({ where: `${path.relative(ROOT, file)} #${i + 1}`, code: match[1]! }));
  });
}

/** The names a package entry exports, read from its `export { } from` clauses (lint forbids `export *`). */
export function entryExports(file: string): Set<string> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.add(element.name.text);
    }
  }
  return names;
}

const ENTRIES = ['sdk/src/index.ts', 'sdk/src/portable.ts', 'sdk/src/browser.ts', 'instrumentation/src/index.ts', 'cli/src/index.ts'].map((entry) => path.join(ROOT, 'packages', entry));

/**
 * Every `@example` of the TSDoc of a public export (a declaration whose name a package entry
 * exports, or a member of one): what a user reads in the editor. Examples of internal functions
 * are not compiled: a user could not import what they show.
 */
export function tsdocExamples(): Example[] {
  const publicNames = new Set(ENTRIES.flatMap((entry) => [...entryExports(entry)]));
  const sources = ['sdk', 'instrumentation', 'cli'].flatMap((p) => filesUnder(path.join(ROOT, 'packages', p, 'src'), '.ts'));
  return sources.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const examples: Example[] = [];
    for (const match of text.matchAll(/@example\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```(?:ts|typescript)\n((?:\s*\*.*\n)*?)\s*\*\s*```(?:.*\n)*?\s*\*\/\n(.*)/g)) {
      const declared = /(?:function|class|interface|type|const|let)\s+([A-Za-z_$][\w$]*)/.exec(match[3]!)?.[1];
      const member = declared === undefined && /^\s+(readonly\s+)?[A-Za-z_$][\w$]*[?:(]/.test(match[3]!);
      if (!member && (declared === undefined || !publicNames.has(declared))) continue;
      examples.push({ where: `${path.relative(ROOT, file)} @example of ${declared ?? 'a member'}`, code: match[2]!.replace(/^\s*\* ?/gm, '') });
    }
    return examples;
  });
}

/**
 * What an example may use without defining it: the host's own objects and functions, declared
 * once here so that each example stays as short as a reader wants it, and every public export of
 * our packages (and the MCP SDK's server and client classes), as if imported. A name an example
 * imports itself shadows these.
 */
export function prelude(): string {
  const globals: string[] = [];
  const entries: [string, string][] = [
    ['__sdk', path.join(ROOT, 'packages/sdk/src/index.ts')],
    ['__instrumentation', path.join(ROOT, 'packages/instrumentation/src/index.ts')],
  ];
  for (const [alias, file] of entries) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
    for (const statement of source.statements) {
      if (!ts.isExportDeclaration(statement) || statement.exportClause === undefined || !ts.isNamedExports(statement.exportClause)) continue;
      for (const element of statement.exportClause.elements) {
        const name = element.name.text;
        // Values only: a type an example uses is one it imports (generic aliases cannot be re-declared bare).
        if (!statement.isTypeOnly && !element.isTypeOnly) globals.push(`const ${name}: typeof ${alias}.${name};`);
      }
    }
  }
  return `
import type * as __sdk from '@mcp-otel/sdk';
import type * as __instrumentation from '@mcp-otel/instrumentation';
import type { MeterProvider as __MeterProvider, Meter as __Meter } from '@opentelemetry/api';
import type { MetricReader as __MetricReader, ResourceMetrics as __ResourceMetrics, ExponentialHistogram as __ExponentialHistogram } from '@opentelemetry/sdk-metrics';
import type { McpServer as __McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Client as __Client } from '@modelcontextprotocol/sdk/client/index.js';
declare global {
  ${globals.join('\n  ')}
  const McpServer: typeof __McpServer;
  const Client: typeof __Client;
  const meterProvider: __MeterProvider;
  const meter: __Meter;
  const server: __McpServer;
  const client: __Client;
  const handle: __sdk.MetricsHandle;
  const telemetry: __sdk.MetricsHandle;
  const resolved: __sdk.ResolvedConfig;
  const reader: __MetricReader;
  const resourceMetrics: __ResourceMetrics;
  const histogram: __ExponentialHistogram;
  const city: string;
  function fetchForecast(city: string): Promise<string>;
  function loadForecast(city: string): Promise<string>;
}
export {};
`;
}

/** The diagnostics of compiling every example against the packages' sources; empty when all compile. */
export function compileExamples(examples: readonly Example[]): string[] {
  const files = new Map<string, string>(examples.map((example, i) => [path.join(ROOT, `.examples/example-${i}.ts`), `${example.code}\nexport {};\n`]));
  files.set(path.join(ROOT, '.examples/prelude.ts'), prelude());
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    baseUrl: ROOT,
    paths: {
      '@mcp-otel/sdk': ['packages/sdk/src/index.ts'],
      '@mcp-otel/sdk/portable': ['packages/sdk/src/portable.ts'],
      '@mcp-otel/instrumentation': ['packages/instrumentation/src/index.ts'],
      '@mcp-otel/cli': ['packages/cli/src/index.ts'],
      // keyv 6 is installed beside the cache tests, not at the root (see scripts/install-side-package.mjs).
      keyv: ['packages/instrumentation/test/node_modules/keyv'],
    },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => files.get(path.resolve(name)) ?? readFile(name);
  host.fileExists = (name) => files.has(path.resolve(name)) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  const byFile = new Map([...files.keys()].map((file, i) => [file, examples[i]?.where ?? 'prelude']));
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file !== undefined && byFile.has(path.resolve(d.file.fileName)))
    .map((d) => `${byFile.get(path.resolve(d.file!.fileName))}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}
