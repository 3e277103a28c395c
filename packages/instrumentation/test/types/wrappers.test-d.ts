// Type tests: every wrapper gives back exactly the type it was given, and its options are typed
// from the wrapped object. `@ts-expect-error` lines prove that wrong uses do not compile (tsc fails
// on an expect-error that has no error), so the file cannot pass vacuously.
import * as fsPromises from 'node:fs/promises';
import Database from 'better-sqlite3';
import { expectTypeOf } from 'expect-type';
import Redis from 'ioredis';
import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import {
  instrumentCache,
  instrumentComponent,
  instrumentFileSystem,
  instrumentRedis,
  instrumentSqlite,
  instrumentStorage,
  instrumentWasm,
  instrumentWasmInstance,
  lruCacheHooks,
  trackComponent,
} from '@mcp-otel/instrumentation';

// Caches
const map = instrumentCache(new Map<string, number>(), { name: 'map' });
expectTypeOf(map).toEqualTypeOf<Map<string, number>>();
expectTypeOf(map.get('a')).toEqualTypeOf<number | undefined>();
instrumentCache(new Map<string, number>(), {
  name: 'sized',
  bytes: (value, key) => {
    expectTypeOf(value).toEqualTypeOf<number>();
    expectTypeOf(key).toEqualTypeOf<string>();
    return 8;
  },
});
// @ts-expect-error the sizer receives the Map's value type (number), not a string
instrumentCache(new Map<string, number>(), { name: 'wrong', bytes: (value: string) => value.length });
// @ts-expect-error a cache needs a name
instrumentCache(new Map(), {});

const lru = instrumentCache(new LRUCache<string, { n: number }>(lruCacheHooks({ max: 10, ttl: 1000 })), { name: 'lru', bytes: (value) => value.n });
expectTypeOf(lru).toEqualTypeOf<LRUCache<string, { n: number }>>();
expectTypeOf(lruCacheHooks({ max: 1, ttl: 2 })).toEqualTypeOf<{ max: number; ttl: number }>();

const keyv = instrumentCache(new Keyv<string>(), { name: 'keyv' });
expectTypeOf(keyv).toEqualTypeOf<Keyv<string>>();

// Storage
const db = instrumentSqlite(new Database(':memory:'), { name: 'notes' });
expectTypeOf(db).toEqualTypeOf<Database.Database>();
const redis = instrumentRedis(new Redis({ lazyConnect: true }));
expectTypeOf(redis).toEqualTypeOf<Redis>();
const fs = instrumentFileSystem(fsPromises);
expectTypeOf(fs).toEqualTypeOf<typeof fsPromises>();
expectTypeOf(fs.readFile).toEqualTypeOf<typeof fsPromises.readFile>();

class Blobs {
  async download(key: string): Promise<Uint8Array> {
    return new TextEncoder().encode(key);
  }
  upload(_key: string, _data: Uint8Array): void {}
  readonly region = 'eu';
}
const blobs = instrumentStorage(new Blobs(), { system: 'blobs', operations: { upload: { writes: 1 }, download: true } });
expectTypeOf(blobs).toEqualTypeOf<Blobs>();
// @ts-expect-error operations name methods of the backend only
instrumentStorage(new Blobs(), { system: 'blobs', operations: ['region'] });
// @ts-expect-error the system is required
instrumentStorage(new Blobs(), { operations: ['upload'] });

// WebAssembly
const wasm = instrumentWasm(WebAssembly, { name: 'tools' });
expectTypeOf(wasm).toEqualTypeOf<typeof WebAssembly>();
declare const instance: WebAssembly.Instance;
expectTypeOf(instrumentWasmInstance(instance, { name: 'tools' })).toEqualTypeOf<WebAssembly.Instance>();

// Components
const api = instrumentComponent({ add: (a: number, b: number) => a + b, ops: { neg: (a: number) => -a } }, { name: 'calc' });
expectTypeOf(api).toEqualTypeOf<{ add: (a: number, b: number) => number; ops: { neg: (a: number) => number } }>();
const calc = trackComponent('calc');
expectTypeOf(calc.load(() => Promise.resolve(1))).toEqualTypeOf<Promise<number>>();
expectTypeOf(calc.instantiate(() => 'sync')).toEqualTypeOf<string>();
expectTypeOf(calc.imports({ host: { log: (_s: string) => {} } })).toEqualTypeOf<{ host: { log: (_s: string) => void } }>();
expectTypeOf(calc.unload()).toEqualTypeOf<undefined>();
expectTypeOf(calc.unload(async () => 'bye')).toEqualTypeOf<Promise<string>>();
