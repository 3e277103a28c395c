import { diag, DiagLogLevel } from '@opentelemetry/api';
import { LRUCache } from 'lru-cache';
import { instrumentCache, lruCacheHooks } from '@mcp-otel/instrumentation';
import { resetWarnings } from '../../src/safe.js';
import { series, TestMetrics, total } from '../helpers/test-metrics.js';

const OPS = 'mcp_otel.cache.operations';
const EVICTIONS = 'mcp_otel.cache.evictions';

describe('instrumentCache on an lru-cache 11', () => {
  let metrics: TestMetrics;
  beforeEach(() => (metrics = new TestMetrics()));
  afterEach(() => metrics.shutdown());

  it('counts 50 evictions with reason evict when 150 entries go into a cache of 100', async () => {
    const cache = instrumentCache(new LRUCache<number, string>(lruCacheHooks({ max: 100 })), { name: 'forecasts', meterProvider: metrics.provider });
    for (let i = 0; i < 150; i++) cache.set(i, `value ${i}`);
    for (let i = 0; i < 150; i++) cache.get(i);
    const collected = await metrics.collect();
    expect(series(collected.get(EVICTIONS))).toEqual(['mcp_otel.cache.eviction.reason=evict,mcp_otel.cache.name=forecasts,mcp_otel.cache.type=lru-cache => 50']);
    expect(total(collected.get(OPS), { 'mcp_otel.cache.operation': 'set' })).toBe(150);
    expect(total(collected.get(OPS), { 'mcp_otel.cache.outcome': 'hit' })).toBe(100);
    expect(total(collected.get(OPS), { 'mcp_otel.cache.outcome': 'miss' })).toBe(50);
    expect(total(collected.get('mcp_otel.cache.entries'))).toBe(100);
    expect(total(collected.get('mcp_otel.cache.entries.limit'))).toBe(100);
  });

  it('counts TTL expirations with reason expire, on lru-cache\'s own (injected) clock', async () => {
    let clock = 1_000;
    const cache = instrumentCache(new LRUCache<string, number>(lruCacheHooks({ max: 10, ttl: 1_000, ttlResolution: 0, perf: { now: () => clock } })), {
      name: 'tokens',
      meterProvider: metrics.provider,
    });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    clock += 500;
    expect(cache.get('a')).toBe(1);
    clock += 600; // all three are now older than their TTL
    expect(cache.get('a')).toBeUndefined(); // stale: lru-cache deletes it with reason "expire"
    cache.purgeStale(); // b and c
    const collected = await metrics.collect();
    expect(series(collected.get(EVICTIONS))).toEqual(['mcp_otel.cache.eviction.reason=expire,mcp_otel.cache.name=tokens,mcp_otel.cache.type=lru-cache => 3']);
    expect(series(collected.get(OPS))).toEqual([
      'mcp_otel.cache.name=tokens,mcp_otel.cache.operation=get,mcp_otel.cache.outcome=hit,mcp_otel.cache.type=lru-cache => 1',
      'mcp_otel.cache.name=tokens,mcp_otel.cache.operation=get,mcp_otel.cache.outcome=miss,mcp_otel.cache.type=lru-cache => 1',
      'mcp_otel.cache.name=tokens,mcp_otel.cache.operation=set,mcp_otel.cache.type=lru-cache => 3',
    ]);
  });

  it("still runs the host's own dispose, with its arguments and this, and counts nothing it should not", async () => {
    const seen: [unknown, unknown, string, unknown][] = [];
    const cache: LRUCache<string, string> = new LRUCache<string, string>(
      lruCacheHooks({
        max: 2,
        dispose(this: unknown, value: string, key: string, reason: string) {
          seen.push([value, key, reason, this]);
        },
      }),
    );
    instrumentCache(cache, { name: 'with-dispose', meterProvider: metrics.provider });
    cache.set('a', '1');
    cache.set('a', '2'); // replaced: reason "set", not an eviction
    cache.delete('a'); // reason "delete", a host operation
    cache.set('b', '1').set('c', '1').set('d', '1'); // b evicted
    expect(seen.map(([v, k, r, self]) => [v, k, r, self === cache])).toEqual([
      ['1', 'a', 'set', true],
      ['2', 'a', 'delete', true],
      ['1', 'b', 'evict', true],
    ]);
    const collected = await metrics.collect();
    expect(series(collected.get(EVICTIONS))).toEqual(['mcp_otel.cache.eviction.reason=evict,mcp_otel.cache.name=with-dispose,mcp_otel.cache.type=lru-cache => 1']);
    expect(total(collected.get(OPS), { 'mcp_otel.cache.operation': 'delete' })).toBe(1);
  });

  it('counts peek and has outcomes, and does not count the delete lru-cache makes for set(key, undefined)', async () => {
    const cache = instrumentCache(new LRUCache<string, number>(lruCacheHooks({ max: 5 })), { name: 'reads', meterProvider: metrics.provider });
    cache.set('a', 1);
    expect(cache.peek('a')).toBe(1);
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    cache.set('a', undefined); // lru-cache deletes the key
    expect(cache.size).toBe(0);
    const collected = await metrics.collect();
    expect(series(collected.get(OPS))).toEqual([
      'mcp_otel.cache.name=reads,mcp_otel.cache.operation=has,mcp_otel.cache.outcome=hit,mcp_otel.cache.type=lru-cache => 1',
      'mcp_otel.cache.name=reads,mcp_otel.cache.operation=has,mcp_otel.cache.outcome=miss,mcp_otel.cache.type=lru-cache => 1',
      'mcp_otel.cache.name=reads,mcp_otel.cache.operation=peek,mcp_otel.cache.outcome=hit,mcp_otel.cache.type=lru-cache => 1',
      'mcp_otel.cache.name=reads,mcp_otel.cache.operation=peek,mcp_otel.cache.outcome=miss,mcp_otel.cache.type=lru-cache => 1',
      'mcp_otel.cache.name=reads,mcp_otel.cache.operation=set,mcp_otel.cache.type=lru-cache => 2',
    ]);
  });

  it('reports lru-cache\'s own size accounting with bytes: "library"', async () => {
    const cache = instrumentCache(new LRUCache<string, string>(lruCacheHooks({ maxSize: 20, sizeCalculation: (value: string) => value.length })), {
      name: 'sized',
      meterProvider: metrics.provider,
      bytes: 'library',
    });
    cache.set('a', '0123456789').set('b', '01234').set('c', '0123456789'); // 25 > 20: a is evicted
    const collected = await metrics.collect();
    expect(total(collected.get('mcp_otel.cache.memory.usage'))).toBe(15);
    expect(total(collected.get('mcp_otel.cache.memory.limit'))).toBe(20);
    expect(total(collected.get(EVICTIONS))).toBe(1);
  });

  it('passes results, thrown errors and this through unchanged, and counts the failure', async () => {
    const cache = instrumentCache(new LRUCache<string, string>(lruCacheHooks({ maxSize: 10, sizeCalculation: () => 0 })), { name: 'strict', meterProvider: metrics.provider });
    expect(cache.set('a', 'x', { size: 1 })).toBe(cache);
    let thrown: unknown;
    try {
      cache.set('b', 'y'); // sizeCalculation returned 0: lru-cache throws a TypeError
    } catch (error) {
      thrown = error;
    }
    let unwrappedError: unknown;
    try {
      new LRUCache<string, string>({ maxSize: 10, sizeCalculation: () => 0 }).set('b', 'y');
    } catch (error) {
      unwrappedError = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as Error).message).toBe((unwrappedError as Error).message);
    expect(cache).toBeInstanceOf(LRUCache);
    expect(Object.keys(cache)).toEqual(Object.keys(new LRUCache({ max: 1 })));
    const collected = await metrics.collect();
    expect(series(collected.get('mcp_otel.cache.errors'))).toEqual(['error.type=TypeError,mcp_otel.cache.name=strict,mcp_otel.cache.operation=set,mcp_otel.cache.type=lru-cache => 1']);
  });

  it('warns once, and counts no evictions, for an lru-cache built without lruCacheHooks()', async () => {
    const warnings: string[] = [];
    diag.setLogger({ warn: (m: string) => warnings.push(m), error: () => {}, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
    resetWarnings();
    try {
      const cache = instrumentCache(new LRUCache<number, number>({ max: 1 }), { name: 'no-hooks', meterProvider: metrics.provider });
      cache.set(1, 1).set(2, 2);
      const collected = await metrics.collect();
      expect(collected.get(EVICTIONS)).toBeUndefined();
      expect(warnings).toEqual([expect.stringContaining('lru-cache "no-hooks" was built without lruCacheHooks()')]);
    } finally {
      diag.disable();
    }
  });
});
