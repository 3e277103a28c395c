import { instrumentStorage } from '@mcp-otel/instrumentation';
import { histogramPoint, series, TestMetrics, total } from '../helpers/test-metrics.js';

const DURATION = 'db.client.operation.duration';
const DB_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];

class BlobStore {
  readonly #blobs = new Map<string, Uint8Array>();
  calls = 0;
  async upload(key: string, data: Uint8Array): Promise<void> {
    this.calls++;
    this.#blobs.set(key, data);
  }
  async download(key: string): Promise<Uint8Array> {
    const blob = this.#blobs.get(key);
    if (blob === undefined) throw new RangeError(`no blob ${key}`);
    return blob;
  }
  list(): string[] {
    return [...this.#blobs.keys()];
  }
  _internal(): number {
    return 1;
  }
}

describe('instrumentStorage', () => {
  let metrics: TestMetrics;
  beforeEach(() => (metrics = new TestMetrics()));
  afterEach(() => metrics.shutdown());

  it('records db.client.operation.duration per operation, sync and async, with the conventions\' buckets', async () => {
    const store = instrumentStorage(new BlobStore(), { system: 'blobs', name: 'uploads', namespace: 'bucket-1', meterProvider: metrics.provider, operations: { upload: { writes: 1, reads: false }, download: true, list: { reads: false } } });
    await store.upload('a', new Uint8Array(10));
    await store.upload('b', new Uint8Array(5));
    expect(await store.download('a')).toHaveLength(10);
    expect(store.list()).toEqual(['a', 'b']);
    const collected = await metrics.collect();
    const duration = collected.get(DURATION)!;
    expect([duration.unit, duration.scope]).toEqual(['s', '@mcp-otel/instrumentation/storage']);
    expect(series(duration)).toEqual([
      'db.namespace=bucket-1,db.operation.name=download,db.system.name=blobs,mcp_otel.storage.name=uploads => 1',
      'db.namespace=bucket-1,db.operation.name=list,db.system.name=blobs,mcp_otel.storage.name=uploads => 1',
      'db.namespace=bucket-1,db.operation.name=upload,db.system.name=blobs,mcp_otel.storage.name=uploads => 2',
    ]);
    const point = histogramPoint(duration, { 'db.system.name': 'blobs', 'db.namespace': 'bucket-1', 'mcp_otel.storage.name': 'uploads', 'db.operation.name': 'upload' })!;
    expect(point.buckets.boundaries).toEqual(DB_BUCKETS);
    expect(series(collected.get('mcp_otel.storage.io'))).toEqual([
      'db.namespace=bucket-1,db.operation.name=download,db.system.name=blobs,mcp_otel.storage.io.direction=read,mcp_otel.storage.name=uploads => 10',
      'db.namespace=bucket-1,db.operation.name=upload,db.system.name=blobs,mcp_otel.storage.io.direction=write,mcp_otel.storage.name=uploads => 15',
    ]);
  });

  it('records a failure with error.type and rethrows the same error; the rejection is the same', async () => {
    const store = instrumentStorage(new BlobStore(), { system: 'blobs', meterProvider: metrics.provider, operations: ['download'] });
    let thrown: unknown;
    await store.download('missing').catch((error: unknown) => (thrown = error));
    expect(thrown).toBeInstanceOf(RangeError);
    expect((thrown as Error).message).toBe('no blob missing');
    const collected = await metrics.collect();
    expect(series(collected.get(DURATION))).toEqual(['db.operation.name=download,db.system.name=blobs,error.type=RangeError => 1']);
  });

  it('wraps every method by default (not constructor or _private ones) and keeps this, private fields and instanceof', async () => {
    const raw = new BlobStore();
    const store = instrumentStorage(raw, { system: 'blobs', meterProvider: metrics.provider });
    expect(store).toBe(raw);
    expect(store).toBeInstanceOf(BlobStore);
    await store.upload('k', new Uint8Array(1));
    expect(store.calls).toBe(1); // `this` was the store: the counter is its own
    expect(store._internal()).toBe(1);
    expect(Object.keys(store)).toEqual(Object.keys(new BlobStore()));
    const collected = await metrics.collect();
    expect(series(collected.get(DURATION)).map((s) => s.split('db.operation.name=')[1]!.split(',')[0])).toEqual(['upload']);
  });

  it('inherits from a frozen backend instead of changing it, calling methods on the backend itself', async () => {
    const frozen = Object.freeze(new BlobStore());
    const store = instrumentStorage(frozen, { system: 'blobs', meterProvider: metrics.provider, operations: ['list'] });
    expect(store).not.toBe(frozen);
    expect(Object.getPrototypeOf(store)).toBe(frozen);
    expect(store.list()).toEqual([]); // #blobs lives on the frozen instance: the call ran there
    expect(total((await metrics.collect()).get(DURATION))).toBe(1);
  });

  it('reports usage, limit and utilization from the usage option while the backend lives', async () => {
    instrumentStorage(new BlobStore(), { system: 'blobs', name: 'quota', meterProvider: metrics.provider, operations: ['list'], usage: () => ({ used: 250, limit: 1000 }) });
    const collected = await metrics.collect();
    const base = { 'db.system.name': 'blobs', 'mcp_otel.storage.name': 'quota' };
    expect(collected.get('mcp_otel.storage.usage')!.points).toEqual([{ attributes: base, value: 250 }]);
    expect(collected.get('mcp_otel.storage.limit')!.points).toEqual([{ attributes: base, value: 1000 }]);
    expect(collected.get('mcp_otel.storage.utilization')!.points).toEqual([{ attributes: base, value: 0.25 }]);
    expect(collected.get('mcp_otel.storage.utilization')!.unit).toBe('1');
  });

  it('rejects invalid options and unknown operations with the field, the value and the fix', () => {
    expect(() => instrumentStorage(new BlobStore(), {} as never)).toThrow('instrumentStorage: invalid option system = undefined: pass the database system in lowercase');
    expect(() => instrumentStorage(new BlobStore(), { system: 'blobs', operations: ['nope' as never] })).toThrow('invalid option operations.nope = undefined: name a method of the backend');
    expect(() => instrumentStorage(new BlobStore(), { system: 'blobs', operations: { upload: { writes: -1 } } })).toThrow('invalid option operations.upload.writes = -1');
    expect(() => instrumentStorage(new BlobStore(), { system: 'blobs', table: 'x' } as never)).toThrow('invalid option table = "x": remove it');
  });
});
