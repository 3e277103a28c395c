import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../../peers/peer-paths.js';

// A browser app's TypeScript sees the declarations the `browser` condition names, without
// @types/node and without skipLibCheck: a `node:` type in them (once: `import type { Agent } from
// 'node:http'` in the portable OTLP exporter) fails every such app's type check.
describe('the declarations of the browser and worker builds', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(REPO_ROOT, '.tmp', 'browser-types-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function check(code: string, conditions: string[]): string[] {
    const file = path.join(dir, `app-${conditions.join('-') || 'none'}.ts`);
    writeFileSync(file, code);
    const program = ts.createProgram([file], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      customConditions: conditions,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      baseUrl: REPO_ROOT,
      typeRoots: [],
    });
    return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.relative(REPO_ROOT, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }

  const APP = `
import { createMetricsFacade, startMetrics } from '@mcp-otel/sdk';
import { instrumentMcpClient, instrumentWasm } from '@mcp-otel/instrumentation';
const handle = await startMetrics({ serviceName: 'web', exporters: [{ type: 'otlp', endpoint: 'https://otlp.example.com/v1/metrics' }] });
createMetricsFacade(handle.meterProvider).counter('clicks').increment();
export const used = [instrumentMcpClient, instrumentWasm];
`;

  it.each([['browser'], ['worker']])('type-check in an app with the %s condition and no @types/node', (condition) => {
    expect(check(APP, [condition])).toEqual([]);
  });

  it('would catch a Node type (control: the Node entry needs @types/node)', () => {
    expect(check(APP, []).join('\n')).toMatch(/node:|Cannot find (name|module)/);
  });
});
