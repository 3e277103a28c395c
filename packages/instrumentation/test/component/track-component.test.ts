import { instrumentComponent, trackComponent } from '@mcp-otel/instrumentation';
import { forceGc } from '../helpers/force-gc.js';
import { series, TestMetrics, total, waitFor } from '../helpers/test-metrics.js';

const OPERATIONS = 'mcp_otel.component.operation.duration';

describe('trackComponent', () => {
  let metrics: TestMetrics;
  beforeEach(() => (metrics = new TestMetrics()));
  afterEach(() => metrics.shutdown());

  it('times asynchronous lifecycle steps, passes their results and rejections through, and counts active components', async () => {
    const plugin = trackComponent('pdf', { meterProvider: metrics.provider });
    const failure = new Error('bad manifest');
    await expect(plugin.load(() => Promise.reject(failure))).rejects.toBe(failure);
    const code = await plugin.load(async () => ({ render: (page: number) => `page ${page}` }));
    const api = await plugin.instantiate(async () => code);
    expect(api.render(1)).toBe('page 1');
    expect(plugin.invoke('render', () => api.render(2))).toBe('page 2');
    let collected = await metrics.collect();
    expect(total(collected.get('mcp_otel.component.active'))).toBe(1);
    expect(plugin.unload(() => 'done')).toBe('done');
    collected = await metrics.collect();
    expect(total(collected.get('mcp_otel.component.active'))).toBe(0);
    expect(series(collected.get(OPERATIONS))).toEqual([
      'error.type=Error,mcp_otel.component.name=pdf,mcp_otel.component.operation=load => 1',
      'mcp_otel.component.function.name=render,mcp_otel.component.name=pdf,mcp_otel.component.operation=invoke => 1',
      'mcp_otel.component.name=pdf,mcp_otel.component.operation=instantiate => 1',
      'mcp_otel.component.name=pdf,mcp_otel.component.operation=load => 1',
      'mcp_otel.component.name=pdf,mcp_otel.component.operation=unload => 1',
    ]);
  });

  it('wraps the functions of a frozen exports object (a module namespace) on an object inheriting from it, interfaces included', async () => {
    const plugin = trackComponent('frozen', { meterProvider: metrics.provider });
    const raw = Object.freeze({ version: '1.0', ping: () => 'pong', text: Object.freeze({ upper: (s: string) => s.toUpperCase() }) });
    const api = plugin.exports(raw);
    expect(api).not.toBe(raw);
    expect(api.version).toBe('1.0');
    expect(api.ping()).toBe('pong');
    expect(api.text.upper('a')).toBe('A');
    expect(raw.ping()).toBe('pong'); // the original is untouched, and not counted
    expect(series((await metrics.collect()).get(OPERATIONS))).toEqual([
      'mcp_otel.component.function.name=ping,mcp_otel.component.name=frozen,mcp_otel.component.operation=invoke => 1',
      'mcp_otel.component.function.name=text.upper,mcp_otel.component.name=frozen,mcp_otel.component.operation=invoke => 1',
    ]);
  });

  it("counts host calls and their failures on a copy of the host's import object", async () => {
    const plugin = trackComponent('sandbox', { meterProvider: metrics.provider });
    const failure = new RangeError('denied');
    const host = { 'wasi:io/streams': { write: (n: number) => n, deny: () => { throw failure; } }, now: async () => 1 };
    const imports = plugin.imports(host);
    expect(imports).not.toBe(host);
    expect(imports['wasi:io/streams'].write(3)).toBe(3);
    expect(() => imports['wasi:io/streams'].deny()).toThrow(failure);
    expect(await imports.now()).toBe(1);
    expect(host['wasi:io/streams'].write).not.toBe(imports['wasi:io/streams'].write);
    expect(series((await metrics.collect()).get('mcp_otel.component.host_calls'))).toEqual([
      'error.type=RangeError,mcp_otel.component.function.name=wasi:io/streams#deny,mcp_otel.component.name=sandbox => 1',
      'mcp_otel.component.function.name=now,mcp_otel.component.name=sandbox => 1',
      'mcp_otel.component.function.name=wasi:io/streams#deny,mcp_otel.component.name=sandbox => 1',
      'mcp_otel.component.function.name=wasi:io/streams#write,mcp_otel.component.name=sandbox => 1',
    ]);
  });

  it('instrumentComponent: one line, active until the exports are garbage collected', async () => {
    let api: { add(a: number, b: number): number } | undefined = instrumentComponent({ add: (a: number, b: number) => a + b }, { name: 'oneliner', meterProvider: metrics.provider });
    expect(api.add(1, 2)).toBe(3);
    expect(total((await metrics.collect()).get('mcp_otel.component.active'))).toBe(1);
    api = undefined;
    await waitFor(async () => {
      await forceGc();
      return total((await metrics.collect()).get('mcp_otel.component.active')) === 0;
    }, 10_000, 'the exports to be collected');
  });

  it('rejects invalid names and options', () => {
    expect(() => trackComponent('')).toThrow('trackComponent: invalid option name = ""');
    expect(() => trackComponent('x', { meterProvider: {} as never })).toThrow('invalid option meterProvider');
    expect(() => instrumentComponent({}, { name: 'x', extra: 1 } as never)).toThrow('invalid option extra = 1: remove it');
  });
});
