import { instrumentCache } from '@mcp-otel/instrumentation';
import { series, TestMetrics } from '../helpers/test-metrics.js';

const OPS = 'mcp_otel.cache.operations';

/** A synchronous cache of its own kind, with `null` for a miss and a size. */
class TinyCache {
  private readonly data: Record<string, string> = {};
  lastThis: unknown;
  get(key: string): string | null {
    this.lastThis = this;
    return this.data[key] ?? null;
  }
  set(key: string, value: string): this {
    if (value === 'bad') throw new SyntaxError('bad value');
    this.data[key] = value;
    return this;
  }
  get size(): number {
    return Object.keys(this.data).length;
  }
}

/** An asynchronous store, as a client of a remote cache is. */
const remote = (failure?: Error) => {
  const data = new Map<string, string>();
  return {
    get: (key: string) => (failure ? Promise.reject(failure) : Promise.resolve(data.get(key) ?? null)),
    set: async (key: string, value: string) => void data.set(key, value),
    delete: async (key: string) => data.delete(key),
  };
};

describe('instrumentCache on a custom cache', () => {
  let metrics: TestMetrics;
  beforeEach(() => (metrics = new TestMetrics()));
  afterEach(() => metrics.shutdown());

  it('counts a synchronous cache, null being a miss, with its size as entries', async () => {
    const cache = instrumentCache(new TinyCache(), { name: 'tiny', meterProvider: metrics.provider });
    expect(cache.set('a', '1')).toBe(cache);
    expect(cache.get('a')).toBe('1');
    expect(cache.lastThis).toBe(cache);
    expect(cache.get('b')).toBeNull();
    expect(cache).toBeInstanceOf(TinyCache);
    let thrown: unknown;
    try {
      cache.set('c', 'bad');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SyntaxError);
    const collected = await metrics.collect();
    expect(series(collected.get(OPS))).toEqual([
      'mcp_otel.cache.name=tiny,mcp_otel.cache.operation=get,mcp_otel.cache.outcome=hit,mcp_otel.cache.type=custom => 1',
      'mcp_otel.cache.name=tiny,mcp_otel.cache.operation=get,mcp_otel.cache.outcome=miss,mcp_otel.cache.type=custom => 1',
      'mcp_otel.cache.name=tiny,mcp_otel.cache.operation=set,mcp_otel.cache.type=custom => 1',
    ]);
    expect(series(collected.get('mcp_otel.cache.errors'))).toEqual(['error.type=SyntaxError,mcp_otel.cache.name=tiny,mcp_otel.cache.operation=set,mcp_otel.cache.type=custom => 1']);
    expect(series(collected.get('mcp_otel.cache.entries'))).toEqual(['mcp_otel.cache.name=tiny,mcp_otel.cache.type=custom => 1']);
  });

  it('counts an asynchronous store when its promises settle, returning the very same promises', async () => {
    const store = remote();
    const originalSet = store.set;
    const cache = instrumentCache(store, { name: 'remote', type: 'memcached', meterProvider: metrics.provider });
    expect(cache.set).not.toBe(originalSet);
    const pending = cache.set('a', 'x');
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(await cache.get('a')).toBe('x');
    expect(await cache.get('b')).toBeNull();
    expect(await cache.delete('a')).toBe(true);
    const collected = await metrics.collect();
    expect(series(collected.get(OPS))).toEqual([
      'mcp_otel.cache.name=remote,mcp_otel.cache.operation=delete,mcp_otel.cache.type=memcached => 1',
      'mcp_otel.cache.name=remote,mcp_otel.cache.operation=get,mcp_otel.cache.outcome=hit,mcp_otel.cache.type=memcached => 1',
      'mcp_otel.cache.name=remote,mcp_otel.cache.operation=get,mcp_otel.cache.outcome=miss,mcp_otel.cache.type=memcached => 1',
      'mcp_otel.cache.name=remote,mcp_otel.cache.operation=set,mcp_otel.cache.type=memcached => 1',
    ]);
    expect(series(collected.get('mcp_otel.cache.operation.duration'))).toEqual([
      'mcp_otel.cache.name=remote,mcp_otel.cache.operation=delete,mcp_otel.cache.type=memcached => 1',
      'mcp_otel.cache.name=remote,mcp_otel.cache.operation=get,mcp_otel.cache.type=memcached => 2',
      'mcp_otel.cache.name=remote,mcp_otel.cache.operation=set,mcp_otel.cache.type=memcached => 1',
    ]);
  });

  it('hands back a promise with the same value and rejection, which stays unhandled when the host leaves it so', async () => {
    const failure = new Error('timeout');
    const cache = instrumentCache(remote(failure), { name: 'down', meterProvider: metrics.provider });
    await expect(cache.get('a')).rejects.toBe(failure);
    const collected = await metrics.collect();
    expect(series(collected.get('mcp_otel.cache.errors'))).toEqual(['error.type=Error,mcp_otel.cache.name=down,mcp_otel.cache.operation=get,mcp_otel.cache.type=custom => 1']);
    // Whether Node still reports it unhandled is checked in a plain process (jest intercepts it):
    // test/cache/unhandled-rejection.test.ts.
  });
});
