import { instrumentWasm, instrumentWasmInstance } from '@mcp-otel/instrumentation';
import { forceGc } from '../helpers/force-gc.js';
import { series, TestMetrics, total, waitFor } from '../helpers/test-metrics.js';
import { fixtureWasm } from '../helpers/wat.js';

type Tools = {
  memory: WebAssembly.Memory;
  add(a: number, b: number): number;
  unreachable(): void;
  load_far(): number;
  recurse(n: number): number;
  divide(a: number, b: number): number;
  divide_overflow(): number;
  grow(pages: number): number;
  log(value: number): void;
};

const CALLS = 'mcp_otel.wasm.call.duration';
let bytes: Uint8Array<ArrayBuffer>;
beforeAll(async () => {
  bytes = await fixtureWasm('tools.wat');
});

const imports = (log: (v: number) => void = () => {}) => ({ env: { log } });
const fromBytes = (wasm: typeof WebAssembly, log?: (v: number) => void) => wasm.instantiate(bytes, imports(log));
const exportsOf = (instance: WebAssembly.Instance) => instance.exports as unknown as Tools;

/** What the same call throws on an unwrapped instance (a new error each time, same class and message). */
async function unwrappedError(call: (tools: Tools) => unknown): Promise<unknown> {
  const { instance } = await fromBytes(WebAssembly);
  try {
    call(exportsOf(instance));
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('instrumentWasm', () => {
  let metrics: TestMetrics;
  beforeEach(() => (metrics = new TestMetrics()));
  afterEach(() => metrics.shutdown());

  it('records compile and instantiate durations, the module size, and each call per export', async () => {
    const wasm = instrumentWasm(WebAssembly, { name: 'tools', meterProvider: metrics.provider });
    const { module, instance } = await fromBytes(wasm);
    expect(module).toBeInstanceOf(WebAssembly.Module);
    expect(instance).toBeInstanceOf(WebAssembly.Instance);
    const tools = exportsOf(instance);
    expect(tools.add(2, 3)).toBe(5);
    expect(tools.add(-1, 1)).toBe(0);
    expect(tools.divide(9, 3)).toBe(3);
    const collected = await metrics.collect();
    expect(series(collected.get('mcp_otel.wasm.compile.duration'))).toEqual(['mcp_otel.wasm.module.name=tools => 1']);
    expect(series(collected.get('mcp_otel.wasm.instantiate.duration'))).toEqual(['mcp_otel.wasm.module.name=tools => 1']);
    expect(collected.get('mcp_otel.wasm.module.size')!.points).toEqual([{ attributes: { 'mcp_otel.wasm.module.name': 'tools' }, value: bytes.byteLength }]);
    expect(series(collected.get(CALLS))).toEqual([
      'mcp_otel.wasm.export.name=add,mcp_otel.wasm.module.name=tools => 2',
      'mcp_otel.wasm.export.name=divide,mcp_otel.wasm.module.name=tools => 1',
    ]);
    expect(collected.get(CALLS)!.unit).toBe('s');
  });

  it.each([
    ['unreachable', 'unreachable', (t: Tools) => t.unreachable()],
    ['load_far', 'memory_out_of_bounds', (t: Tools) => t.load_far()],
    ['recurse', 'stack_overflow', (t: Tools) => t.recurse(0)],
    ['divide', 'integer_divide_by_zero', (t: Tools) => t.divide(1, 0)],
    ['divide_overflow', 'other', (t: Tools) => t.divide_overflow()],
  ] as const)('counts a trap in %s as %s and throws exactly what the engine threw', async (name, kind, call) => {
    const wasm = instrumentWasm(WebAssembly, { name: 'traps', meterProvider: metrics.provider });
    const { instance } = await fromBytes(wasm);
    let thrown: unknown;
    try {
      call(exportsOf(instance));
    } catch (error) {
      thrown = error;
    }
    const expected = await unwrappedError(call);
    expect(thrown).toBeInstanceOf((expected as object).constructor as new () => unknown);
    expect((thrown as Error).message).toBe((expected as Error).message);
    expect(((thrown as Error).stack ?? '').split('\n')[0]).toBe(((expected as Error).stack ?? '').split('\n')[0]);
    const collected = await metrics.collect();
    expect(series(collected.get('mcp_otel.wasm.traps'))).toEqual([`mcp_otel.wasm.export.name=${name},mcp_otel.wasm.module.name=traps,mcp_otel.wasm.trap.kind=${kind} => 1`]);
    expect(series(collected.get(CALLS))).toEqual([`error.type=${kind},mcp_otel.wasm.export.name=${name},mcp_otel.wasm.module.name=traps => 1`]);
  });

  it('passes an exception from a host import through as the same object; it is not a trap', async () => {
    const failure = new TypeError('host says no');
    const wasm = instrumentWasm(WebAssembly, { name: 'imports', meterProvider: metrics.provider });
    const { instance } = await fromBytes(wasm, () => {
      throw failure;
    });
    expect(() => exportsOf(instance).log(1)).toThrow(failure);
    let thrown: unknown;
    try {
      exportsOf(instance).log(2);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(failure);
    const collected = await metrics.collect();
    expect(collected.get('mcp_otel.wasm.traps')).toBeUndefined();
    expect(series(collected.get(CALLS))).toEqual(['error.type=TypeError,mcp_otel.wasm.export.name=log,mcp_otel.wasm.module.name=imports => 2']);
  });

  it('reports linear memory size and counts growth, from wasm memory.grow and from JavaScript', async () => {
    const wasm = instrumentWasm(WebAssembly, { name: 'memory', meterProvider: metrics.provider });
    const { instance } = await fromBytes(wasm);
    const tools = exportsOf(instance);
    let collected = await metrics.collect();
    expect(total(collected.get('mcp_otel.wasm.memory.size'))).toBe(65536);
    expect(tools.grow(2)).toBe(1); // old size in pages
    expect(tools.grow(70_000)).toBe(-1); // refused: no growth
    tools.memory.grow(1); // from JavaScript: seen at the next call
    tools.add(1, 1);
    collected = await metrics.collect();
    expect(total(collected.get('mcp_otel.wasm.memory.size'))).toBe(4 * 65536);
    expect(series(collected.get('mcp_otel.wasm.memory.grows'))).toEqual(['mcp_otel.wasm.module.name=memory => 2']);
  });

  it('keeps the exports as the engine made them: frozen, null prototype, same keys, same memory', async () => {
    const wasm = instrumentWasm(WebAssembly, { name: 'shape', meterProvider: metrics.provider });
    const module = await wasm.compile(bytes);
    const instance = new wasm.Instance(module, imports());
    const plain = new WebAssembly.Instance(module, imports());
    expect(instance).toBeInstanceOf(WebAssembly.Instance);
    expect(instance).toBeInstanceOf(wasm.Instance);
    expect(Object.isFrozen(instance.exports)).toBe(Object.isFrozen(plain.exports));
    expect(Object.getPrototypeOf(instance.exports)).toBe(Object.getPrototypeOf(plain.exports));
    expect(Object.keys(instance.exports)).toEqual(Object.keys(plain.exports));
    expect(Object.keys(instance)).toEqual(Object.keys(plain));
    expect(exportsOf(instance).memory).toBeInstanceOf(WebAssembly.Memory);
    expect(exportsOf(instance).add.length).toBe(exportsOf(plain).add.length);
    expect(exportsOf(instance).add.name).toBe(exportsOf(plain).add.name);
    expect(() => (wasm.Instance as unknown as (m: WebAssembly.Module) => unknown)(module)).toThrow(TypeError);
    await expect(wasm.instantiate(new Uint8Array([0, 1, 2]))).rejects.toBeInstanceOf(WebAssembly.CompileError);
    await expect(wasm.instantiate(module, {})).rejects.toBeInstanceOf(TypeError); // missing import
    expect(wasm.validate(bytes)).toBe(true);
    expect(WebAssembly.instantiate).not.toBe(wasm.instantiate);
    const collected = await metrics.collect();
    expect(series(collected.get('mcp_otel.wasm.compile.duration'))).toEqual([
      'error.type=CompileError,mcp_otel.wasm.module.name=shape => 1',
      'mcp_otel.wasm.module.name=shape => 1',
    ]);
    expect(series(collected.get('mcp_otel.wasm.instantiate.duration'))).toEqual([
      'error.type=TypeError,mcp_otel.wasm.module.name=shape => 1',
      'mcp_otel.wasm.module.name=shape => 1',
    ]);
  });

  it('counts live instances, down again once they are garbage collected', async () => {
    const wasm = instrumentWasm(WebAssembly, { name: 'lifetime', meterProvider: metrics.provider });
    const module = await wasm.compile(bytes);
    const kept = await wasm.instantiate(module, imports());
    let dropped: unknown[] | undefined = [await wasm.instantiate(module, imports()), await wasm.instantiate(module, imports())];
    expect(total((await metrics.collect()).get('mcp_otel.wasm.instances'))).toBe(3);
    expect(total((await metrics.collect()).get('mcp_otel.wasm.memory.size'))).toBe(3 * 65536);
    dropped = undefined;
    void dropped;
    await waitFor(async () => {
      await forceGc();
      return total((await metrics.collect()).get('mcp_otel.wasm.instances')) === 1;
    }, 10_000, 'two instances to be collected');
    expect(total((await metrics.collect()).get('mcp_otel.wasm.memory.size'))).toBe(65536);
    expect(kept).toBeInstanceOf(WebAssembly.Instance);
  });

  it('wraps an instance made elsewhere with instrumentWasmInstance', async () => {
    const { instance } = await fromBytes(WebAssembly);
    expect(instrumentWasmInstance(instance, { name: 'elsewhere', meterProvider: metrics.provider })).toBe(instance);
    exportsOf(instance).add(1, 2);
    expect(series((await metrics.collect()).get(CALLS))).toEqual(['mcp_otel.wasm.export.name=add,mcp_otel.wasm.module.name=elsewhere => 1']);
  });

  it('rejects invalid options and values that are not the WebAssembly namespace', () => {
    expect(() => instrumentWasm(WebAssembly, {} as never)).toThrow('instrumentWasm: invalid option name = undefined');
    expect(() => instrumentWasm({} as typeof WebAssembly, { name: 'x' })).toThrow('needs the WebAssembly namespace');
  });
});
