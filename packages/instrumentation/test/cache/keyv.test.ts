import { BigMap } from '@keyv/bigmap';
import { Keyv } from 'keyv';
import { instrumentCache } from '@mcp-otel/instrumentation';
import { series, TestMetrics, total } from '../helpers/test-metrics.js';

const OPS = 'mcp_otel.cache.operations';

/**
 * A Keyv storage adapter that keeps what Keyv gives it and has no TTL of its own, like a remote
 * key-value service: Keyv itself then finds expired entries on reads and deletes them.
 */
function plainStore() {
  const store = new Map<string, unknown>();
  return {
    get: async (key: string) => store.get(key),
    set: async (key: string, value: unknown) => void store.set(key, value),
    delete: async (key: string) => store.delete(key),
    clear: async () => store.clear(),
    has: async (key: string) => store.has(key),
    on: () => {},
  };
}

/** A Keyv storage adapter whose reads fail, as a store that lost its connection would. */
function brokenStore(error: Error) {
  const store = new Map<string, unknown>();
  return {
    get: async () => Promise.reject(error),
    set: async (key: string, value: unknown) => void store.set(key, value),
    delete: async (key: string) => store.delete(key),
    clear: async () => store.clear(),
    has: async (key: string) => store.has(key),
    on: () => {},
  };
}

describe('instrumentCache on a Keyv 6', () => {
  let metrics: TestMetrics;
  beforeEach(() => (metrics = new TestMetrics()));
  afterEach(async () => {
    jest.useRealTimers();
    await metrics.shutdown();
  });

  it.each([
    ['the default in-memory store', () => new Keyv<string>()],
    ['the @keyv/bigmap adapter', () => new Keyv<string>({ store: new BigMap<string, unknown>() })],
  ])('counts hits, misses, sets and deletes per key, and times each call (%s)', async (_store, create) => {
    const keyv = instrumentCache(create(), { name: 'profiles', meterProvider: metrics.provider });
    await keyv.set('a', 'alpha');
    await keyv.setMany([
      { key: 'b', value: 'beta' },
      { key: 'c', value: 'gamma' },
    ]);
    expect(await keyv.get('a')).toBe('alpha');
    expect(await keyv.get('zz')).toBeUndefined();
    expect(await keyv.get(['b', 'c', 'yy'])).toEqual(['beta', 'gamma', undefined]); // Keyv's getMany: counted once, per key
    expect(await keyv.has('a')).toBe(true);
    expect(await keyv.delete(['b', 'c'])).toEqual([true, true]);
    await keyv.clear();
    const collected = await metrics.collect();
    expect(series(collected.get(OPS))).toEqual([
      'mcp_otel.cache.name=profiles,mcp_otel.cache.operation=clear,mcp_otel.cache.type=keyv => 1',
      'mcp_otel.cache.name=profiles,mcp_otel.cache.operation=delete,mcp_otel.cache.type=keyv => 2',
      'mcp_otel.cache.name=profiles,mcp_otel.cache.operation=get,mcp_otel.cache.outcome=hit,mcp_otel.cache.type=keyv => 3',
      'mcp_otel.cache.name=profiles,mcp_otel.cache.operation=get,mcp_otel.cache.outcome=miss,mcp_otel.cache.type=keyv => 2',
      'mcp_otel.cache.name=profiles,mcp_otel.cache.operation=has,mcp_otel.cache.outcome=hit,mcp_otel.cache.type=keyv => 1',
      'mcp_otel.cache.name=profiles,mcp_otel.cache.operation=set,mcp_otel.cache.type=keyv => 3',
    ]);
    const duration = collected.get('mcp_otel.cache.operation.duration')!;
    expect(duration.unit).toBe('s');
    expect(series(duration)).toEqual([
      'mcp_otel.cache.name=profiles,mcp_otel.cache.operation=clear,mcp_otel.cache.type=keyv => 1',
      'mcp_otel.cache.name=profiles,mcp_otel.cache.operation=delete,mcp_otel.cache.type=keyv => 1',
      'mcp_otel.cache.name=profiles,mcp_otel.cache.operation=get,mcp_otel.cache.type=keyv => 3',
      'mcp_otel.cache.name=profiles,mcp_otel.cache.operation=has,mcp_otel.cache.type=keyv => 1',
      'mcp_otel.cache.name=profiles,mcp_otel.cache.operation=set,mcp_otel.cache.type=keyv => 2',
    ]);
    expect(collected.has('mcp_otel.cache.evictions')).toBe(false);
  });

  it('counts entries Keyv finds expired as expire, and host deletes as deletes (fake clock)', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const keyv = instrumentCache(new Keyv<number>({ store: plainStore() }), { name: 'otp', meterProvider: metrics.provider });
    await keyv.set('one', 1, 1_000);
    await keyv.set('two', 2, 1_000);
    await keyv.set('keep', 3);
    await keyv.delete('keep');
    jest.setSystemTime(1_000_000 + 5_000);
    expect(await keyv.get('one')).toBeUndefined(); // expired: Keyv deletes it itself
    expect(await keyv.get(['two'])).toEqual([undefined]);
    const collected = await metrics.collect();
    expect(series(collected.get('mcp_otel.cache.evictions'))).toEqual(['mcp_otel.cache.eviction.reason=expire,mcp_otel.cache.name=otp,mcp_otel.cache.type=keyv => 2']);
    expect(total(collected.get(OPS), { 'mcp_otel.cache.operation': 'delete' })).toBe(1);
    expect(total(collected.get(OPS), { 'mcp_otel.cache.outcome': 'miss' })).toBe(2);
  });

  it("cannot see expirations inside Keyv's in-memory adapter, which drops them without telling Keyv", async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const keyv = instrumentCache(new Keyv<number>(), { name: 'memory-ttl', meterProvider: metrics.provider });
    await keyv.set('one', 1, 1_000);
    jest.setSystemTime(1_000_000 + 5_000);
    expect(await keyv.get('one')).toBeUndefined();
    const collected = await metrics.collect();
    expect(collected.get('mcp_otel.cache.evictions')).toBeUndefined(); // documented in docs/metrics.md
    expect(total(collected.get(OPS), { 'mcp_otel.cache.outcome': 'miss' })).toBe(1);
  });

  it('counts store errors Keyv swallows when the host listens for them, and the miss the host saw', async () => {
    const failure = new RangeError('connection lost');
    const keyv = instrumentCache(new Keyv<string>({ store: brokenStore(failure) }), { name: 'flaky', meterProvider: metrics.provider });
    const heard: unknown[] = [];
    keyv.on('error', (error: unknown) => heard.push(error));
    expect(await keyv.get('a')).toBeUndefined();
    expect(heard).toEqual([failure]);
    const collected = await metrics.collect();
    expect(series(collected.get('mcp_otel.cache.errors'))).toEqual(['error.type=RangeError,mcp_otel.cache.name=flaky,mcp_otel.cache.type=keyv => 1']);
    expect(total(collected.get(OPS), { 'mcp_otel.cache.outcome': 'miss' })).toBe(1);
  });

  it('leaves Keyv throwing an unheard store error, the same error, and counts the failed get', async () => {
    const failure = new RangeError('connection lost');
    const unwrapped = new Keyv<string>({ store: brokenStore(failure) });
    await expect(unwrapped.get('a')).rejects.toBe(failure); // Keyv's own behaviour without an error listener
    const keyv = instrumentCache(new Keyv<string>({ store: brokenStore(failure) }), { name: 'unheard', meterProvider: metrics.provider });
    await expect(keyv.get('a')).rejects.toBe(failure);
    const collected = await metrics.collect();
    expect(series(collected.get('mcp_otel.cache.errors'))).toEqual(['error.type=RangeError,mcp_otel.cache.name=unheard,mcp_otel.cache.operation=get,mcp_otel.cache.type=keyv => 1']);
    expect(series(collected.get('mcp_otel.cache.operation.duration'))).toEqual([
      'error.type=RangeError,mcp_otel.cache.name=unheard,mcp_otel.cache.operation=get,mcp_otel.cache.type=keyv => 1',
    ]);
  });

  it('behaves as the Keyv itself: instanceof, properties, events, the promise returned', async () => {
    const raw = new Keyv<string>({ namespace: 'ns' });
    const keyv = instrumentCache(raw, { name: 'proxy', meterProvider: metrics.provider });
    expect(keyv).toBeInstanceOf(Keyv);
    expect(keyv.namespace).toBe('ns');
    keyv.ttl = 5_000;
    expect(raw.ttl).toBe(5_000);
    expect(keyv.get).toBe(keyv.get);
    expect(keyv.get.name).toBe(raw.get.name);
    const seen: string[] = [];
    keyv.on('stat:set', () => seen.push('set'));
    await keyv.set('a', 'x');
    expect(seen).toEqual(['set']);
    expect(await raw.get('a')).toBe('x'); // the same store: calls on the raw instance are just not counted
    expect(instrumentCache(raw, { name: 'proxy', meterProvider: metrics.provider })).toBe(keyv);
    expect(total((await metrics.collect()).get(OPS))).toBe(1);
  });
});
