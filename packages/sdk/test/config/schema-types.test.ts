import { join } from 'node:path';
import ts from 'typescript';

// ts-jest only transpiles, so compile-time assertions need a real type check: this compiles the
// fixtures with the test tsconfig and expects no diagnostics.
function typeErrors(files: string[]): string[] {
  const configPath = join(__dirname, '../../../../tsconfig.test.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (parsed === undefined) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file === undefined ? '' : `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}: `;
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  });
}

describe('metricsConfigSchema types', () => {
  it('has exactly the input and output type MetricsConfig, and the check can fail', () => {
    const fixtures = ['schema-matches-types.ts', 'schema-mismatch-control.ts'].map((name) => join(__dirname, 'fixtures', name));
    expect(typeErrors(fixtures)).toEqual([]);
  }, 120_000); // a full type check of zod's types takes seconds on a busy machine
});
