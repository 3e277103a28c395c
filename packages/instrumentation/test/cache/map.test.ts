import { isDeepStrictEqual } from 'node:util';
import { diag, DiagLogLevel, metrics as otelMetrics } from '@opentelemetry/api';
import { instrumentCache } from '@mcp-otel/instrumentation';
import { resetWarnings } from '../../src/safe.js';
import { forceGc } from '../helpers/force-gc.js';
import { series, TestMetrics, total } from '../helpers/test-metrics.js';

const OPS = 'mcp_otel.cache.operations';

describe('instrumentCache on a Map', () => {
  let metrics: TestMetrics;
  beforeEach(() => (metrics = new TestMetrics()));
  afterEach(() => metrics.shutdown());

  it('counts each operation with its outcome, exactly', async () => {
    const map = instrumentCache(new Map<string, number | undefined>(), { name: 'sessions', meterProvider: metrics.provider });
    map.set('a', 1).set('b', 2).set('u', undefined);
    map.get('a');
    map.get('a');
    map.get('u'); // a stored undefined is a hit
    map.get('missing');
    map.has('b');
    map.has('nope');
    map.delete('b');
    map.clear();
    const collected = await metrics.collect();
    expect(series(collected.get(OPS))).toEqual([
      'mcp_otel.cache.name=sessions,mcp_otel.cache.operation=clear,mcp_otel.cache.type=map => 1',
      'mcp_otel.cache.name=sessions,mcp_otel.cache.operation=delete,mcp_otel.cache.type=map => 1',
      'mcp_otel.cache.name=sessions,mcp_otel.cache.operation=get,mcp_otel.cache.outcome=hit,mcp_otel.cache.type=map => 3',
      'mcp_otel.cache.name=sessions,mcp_otel.cache.operation=get,mcp_otel.cache.outcome=miss,mcp_otel.cache.type=map => 1',
      'mcp_otel.cache.name=sessions,mcp_otel.cache.operation=has,mcp_otel.cache.outcome=hit,mcp_otel.cache.type=map => 1',
      'mcp_otel.cache.name=sessions,mcp_otel.cache.operation=has,mcp_otel.cache.outcome=miss,mcp_otel.cache.type=map => 1',
      'mcp_otel.cache.name=sessions,mcp_otel.cache.operation=set,mcp_otel.cache.type=map => 3',
    ]);
    // A Map has no evictions and no asynchronous operations.
    expect(collected.has('mcp_otel.cache.evictions')).toBe(false);
    expect(collected.has('mcp_otel.cache.operation.duration')).toBe(false);
  });

  it('reports entries, capacity and bytes as gauges read at collection', async () => {
    const map = instrumentCache(new Map<string, string>(), { name: 'docs', meterProvider: metrics.provider, capacity: 10, bytes: (value, key) => value.length + key.length });
    map.set('ab', 'xyz').set('c', '0123456789');
    const collected = await metrics.collect();
    const base = { 'mcp_otel.cache.name': 'docs', 'mcp_otel.cache.type': 'map' };
    expect(collected.get('mcp_otel.cache.entries')!.points).toEqual([{ attributes: base, value: 2 }]);
    expect(collected.get('mcp_otel.cache.entries.limit')!.points).toEqual([{ attributes: base, value: 10 }]);
    expect(collected.get('mcp_otel.cache.memory.usage')!.points).toEqual([{ attributes: base, value: 5 + 11 }]);
    expect(collected.get('mcp_otel.cache.entries')!.unit).toBe('{entry}');
    expect(collected.get('mcp_otel.cache.memory.usage')!.unit).toBe('By');
  });

  it('sums caches of the same name and type, and forgets a cache once it is collected', async () => {
    const a = instrumentCache(new Map([[1, 1]]), { name: 'shared', meterProvider: metrics.provider });
    let b: Map<number, number> | undefined = instrumentCache(new Map([[1, 1], [2, 2]]), { name: 'shared', meterProvider: metrics.provider });
    a.get(1);
    b.get(1);
    let collected = await metrics.collect();
    expect(total(collected.get(OPS), { 'mcp_otel.cache.operation': 'get' })).toBe(2);
    expect(total(collected.get('mcp_otel.cache.entries'))).toBe(3);
    b = undefined;
    await forceGc();
    collected = await metrics.collect();
    expect(total(collected.get('mcp_otel.cache.entries'))).toBe(1);
    // Counters are cumulative: what the dropped cache did stays counted.
    expect(total(collected.get(OPS), { 'mcp_otel.cache.operation': 'get' })).toBe(2);
  });

  it('changes nothing the host can see: results, this, instanceof, keys, iteration, equality', () => {
    const plain = new Map<string, { n: number }>([['k', { n: 1 }]]);
    const map = instrumentCache(new Map<string, { n: number }>([['k', { n: 1 }]]), { name: 'same', meterProvider: metrics.provider });
    expect(map).toBeInstanceOf(Map);
    expect(map.set('z', { n: 2 })).toBe(map);
    plain.set('z', { n: 2 });
    expect(map.get('k')).toEqual({ n: 1 });
    expect(map.delete('nope')).toBe(false);
    expect(Object.keys(map)).toEqual([]);
    expect(JSON.stringify(map)).toBe('{}');
    expect([...map]).toEqual([...plain]);
    expect(map.size).toBe(2);
    expect(isDeepStrictEqual(map, plain)).toBe(true);
    expect([...structuredClone(map)]).toEqual([...plain]);
    expect(Object.prototype.toString.call(map)).toBe('[object Map]');
    expect(map.get.name).toBe('get');
    expect(map.set.length).toBe(Map.prototype.set.length);
    // A method borrowed onto a non-Map fails exactly as Map's own does.
    const borrowed = () => map.get.call({} as Map<string, { n: number }>, 'k');
    expect(borrowed).toThrow(TypeError);
    expect(() => Map.prototype.get.call({} as Map<string, { n: number }>, 'k')).toThrow(TypeError);
  });

  it('returns the same cache when called twice, and warns once', async () => {
    const warnings: string[] = [];
    diag.setLogger({ warn: (m: string) => warnings.push(m), error: () => {}, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
    resetWarnings();
    try {
      const map = new Map<string, number>();
      expect(instrumentCache(map, { name: 'twice', meterProvider: metrics.provider })).toBe(map);
      expect(instrumentCache(map, { name: 'twice', meterProvider: metrics.provider })).toBe(map);
      map.get('x');
      expect(total((await metrics.collect()).get(OPS))).toBe(1);
      expect(warnings.filter((w) => w.includes('already instrumented'))).toHaveLength(1);
    } finally {
      diag.disable();
    }
  });

  it('rejects invalid options with the option, the value and the fix', () => {
    expect(() => instrumentCache(new Map(), undefined as never)).toThrow('instrumentCache: invalid option options = undefined: pass an object such as { name: "weather" }');
    expect(() => instrumentCache(new Map(), { name: '' })).toThrow('invalid option name = "": pass 1-128 letters');
    expect(() => instrumentCache(new Map(), { name: 'x', capacity: -1 })).toThrow('invalid option capacity = -1: pass an integer >= 0');
    expect(() => instrumentCache(new Map(), { name: 'x', sizer: 1 } as never)).toThrow('invalid option sizer = 1: remove it; known options: name, type, meterProvider, capacity, entries, bytes');
    expect(() => instrumentCache(new Map(), { name: 'x', type: 'Big Cache' })).toThrow('invalid option type = "Big Cache"');
    expect(() => instrumentCache({} as Map<string, string>, { name: 'x' })).toThrow('instrumentCache(cache) needs a Map, an lru-cache, a Keyv, or an object with get and set methods');
  });

  it('moves to the global provider set after instrumenting, within 1024 operations', async () => {
    const map = instrumentCache(new Map<number, number>(), { name: 'late-sdk' });
    map.get(0); // counted before any SDK: nowhere to report yet
    otelMetrics.setGlobalMeterProvider(metrics.provider);
    try {
      for (let i = 0; i < 1024; i++) map.get(i);
      const got = (await metrics.collect()).get(OPS);
      expect(total(got, { 'mcp_otel.cache.name': 'late-sdk' })).toBe(1025);
    } finally {
      otelMetrics.disable();
    }
  });

  it('bounds the number of cache names: past 100, names are _OTHER', async () => {
    // Last in this file: the bound is per process. Other tests used a few names; go past the bound.
    for (let i = 0; i < 100; i++) instrumentCache(new Map(), { name: `per-session-${i}`, meterProvider: metrics.provider }).get('k');
    const names = new Set((await metrics.collect()).get(OPS)!.points.map((p) => p.attributes['mcp_otel.cache.name']));
    expect(names.has('_OTHER')).toBe(true);
    expect(names.size).toBeLessThanOrEqual(101);
  });
});

