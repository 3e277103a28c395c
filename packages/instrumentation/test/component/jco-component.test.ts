import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const fixtures = path.join(__dirname, '..', 'fixtures', 'component');
const built = path.join(__dirname, '..', '..', 'dist', 'index.js');

type Point = { attributes: Record<string, unknown>; value: number };
type Run = {
  results: Record<string, unknown>;
  afterLoad: Record<string, { scope: string; unit: string; points: Point[] }>;
  afterUnload: Record<string, { scope: string; unit: string; points: Point[] }>;
};

/** `name=value,...` of a point's attributes, sorted, with its value. */
const line = (p: Point) => `${Object.entries(p.attributes).map(([k, v]) => `${k}=${String(v)}`).sort().join(',')} => ${p.value}`;

function node(args: string[]): string {
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  return child.stdout;
}

// A real WebAssembly component: built from committed WAT and WIT by @bytecodealliance/jco in the test
// run, transpiled to JavaScript, then loaded, instantiated, invoked and unloaded under the component
// API (and its core module compiled through instrumentWasm). Child processes: jco's output is an ES
// module with top-level await, which jest's CommonJS runtime cannot load.
describe('trackComponent on a WebAssembly component transpiled by jco', () => {
  let out: string;
  let run: Run;

  beforeAll(() => {
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npx tsc -b" first (npm test does it)`);
    out = mkdtempSync(path.join(os.tmpdir(), 'mcp-otel-component-'));
    const build = JSON.parse(node([path.join(fixtures, 'build-component.mjs'), out])) as { files: string[]; componentBytes: number };
    expect(build.files).toEqual(['calc.core.wasm', 'calc.d.ts', 'calc.js', 'interfaces/local-calc-host.d.ts']);
    run = JSON.parse(node([path.join(fixtures, 'run-component.mjs'), out])) as Run;
  }, 120_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs the component unchanged: results, host calls, and the traps it throws', () => {
    expect(run.results).toEqual({
      add: [5, 42],
      divide: 3,
      divideError: 'RuntimeError: divide by zero',
      failError: 'RuntimeError: unreachable',
      logged: [5, 42],
    });
  });

  it('records load, instantiate and each invoke, with failures by error type', () => {
    const operations = run.afterLoad['mcp_otel.component.operation.duration']!;
    expect([operations.scope, operations.unit]).toEqual(['@mcp-otel/instrumentation/component', 's']);
    expect(operations.points.map(line).sort()).toEqual([
      'error.type=RuntimeError,mcp_otel.component.function.name=divide,mcp_otel.component.name=calc,mcp_otel.component.operation=invoke => 1',
      'error.type=RuntimeError,mcp_otel.component.function.name=fail,mcp_otel.component.name=calc,mcp_otel.component.operation=invoke => 1',
      'mcp_otel.component.function.name=add,mcp_otel.component.name=calc,mcp_otel.component.operation=invoke => 2',
      'mcp_otel.component.function.name=divide,mcp_otel.component.name=calc,mcp_otel.component.operation=invoke => 1',
      'mcp_otel.component.name=calc,mcp_otel.component.operation=instantiate => 1',
      'mcp_otel.component.name=calc,mcp_otel.component.operation=load => 1',
    ]);
  });

  it('counts host calls and the active component, which unload takes out', () => {
    expect(run.afterLoad['mcp_otel.component.host_calls']!.points.map(line)).toEqual([
      'mcp_otel.component.function.name=local:calc/host#log,mcp_otel.component.name=calc => 2',
    ]);
    expect(run.afterLoad['mcp_otel.component.active']!.points.map(line)).toEqual(['mcp_otel.component.name=calc => 1']);
    expect(run.afterUnload['mcp_otel.component.active']!.points.map(line)).toEqual(['mcp_otel.component.name=calc => 0']);
    expect(run.afterUnload['mcp_otel.component.operation.duration']!.points.map(line)).toContain('mcp_otel.component.name=calc,mcp_otel.component.operation=unload => 1');
  });

  it('measures the core module underneath with the WebAssembly metrics, traps included', () => {
    expect(run.afterLoad['mcp_otel.wasm.compile.duration']!.points.map(line)).toEqual(['mcp_otel.wasm.module.name=calc.core => 1']);
    expect(run.afterLoad['mcp_otel.wasm.traps']!.points.map(line).sort()).toEqual([
      'mcp_otel.wasm.export.name=divide,mcp_otel.wasm.module.name=calc.core,mcp_otel.wasm.trap.kind=integer_divide_by_zero => 1',
      'mcp_otel.wasm.export.name=fail,mcp_otel.wasm.module.name=calc.core,mcp_otel.wasm.trap.kind=unreachable => 1',
    ]);
    expect(run.afterLoad['mcp_otel.wasm.instances']!.points.map(line)).toEqual(['mcp_otel.wasm.module.name=calc.core => 1']);
  });
});
