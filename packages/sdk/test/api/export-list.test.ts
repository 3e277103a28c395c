import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../../..');
const SDK_SRC = path.join(ROOT, 'packages/sdk/src');

/**
 * Every name an entry exports (values and types). The entries name every export in `export { }`
 * clauses (lint forbids `export *`), so reading those clauses gives the exact list.
 */
function exportsOf(entry: string): string[] {
  const file = path.join(SDK_SRC, entry);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause)) {
      names.push(...statement.exportClause.elements.map((element) => element.name.text));
    } else if (ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      throw new Error(`${entry} declares an export itself; entries only re-export by name`);
    }
  }
  return names.sort();
}

/**
 * The names docs/api.md lists for @mcp-otel/sdk: every identifier in backticks opening a table
 * cell, and in which entries: **(Node)** only the Node one, **(Node, browser)** also the browser
 * one, neither mark all three.
 */
function documented(): { node: string[]; portable: string[]; browser: string[] } {
  const text = readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
  const section = text.slice(text.indexOf('## `@mcp-otel/sdk`'), text.indexOf('## `@mcp-otel/instrumentation`'));
  const node: string[] = [];
  const portable: string[] = [];
  const browser: string[] = [];
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    const [first, kind] = row.split(' | ');
    const names = [...first!.matchAll(/`([A-Za-z_$][\w$]*)/g)].map((match) => match[1]!);
    node.push(...names);
    if (!kind!.includes('**(Node')) portable.push(...names);
    if (!kind!.includes('**(Node)**')) browser.push(...names);
  }
  return { node: node.sort(), portable: portable.sort(), browser: browser.sort() };
}

describe('the public API of @mcp-otel/sdk', () => {
  it('is exactly what docs/api.md lists, for the Node, portable and browser entries', () => {
    const docs = documented();
    expect(exportsOf('index.ts')).toEqual(docs.node);
    expect(exportsOf('portable.ts')).toEqual(docs.portable);
    expect(exportsOf('browser.ts')).toEqual(docs.browser);
  });

  it('keeps its internals out (no plan, storages, producers, meter wrapper or collect transform)', () => {
    const names = exportsOf('index.ts');
    // Start, config, facade, pipeline, exporters, runtime metrics, and the types health, history and
    // alerts are configured and used with: about 100. A jump means internals are leaking out.
    expect(names.length).toBeLessThan(110);
    for (const internal of ['createPlan', 'route', 'StorageRegistry', 'SeriesProducer', 'RoutingMeterProvider', 'transformCollection', 'buildPipeline', 'setFacadeProvider']) {
      expect(names).not.toContain(internal);
    }
  });
});
