import * as fsPromises from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MeterProvider } from '@opentelemetry/api';
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { instrumentCache, instrumentFileSystem, instrumentSqlite, instrumentStorage, instrumentWasm, lruCacheHooks, trackComponent } from '@mcp-otel/instrumentation';
import { fixtureWasm } from './wat.js';

/**
 * One use of every cache, storage, WebAssembly and component feature, so that every metric of those
 * meters is emitted with every attribute it can carry (docs-conformance.test.ts, the e2e tests).
 */
export async function componentsExchange(meterProvider: MeterProvider): Promise<void> {
  // Caches: hits, misses, writes, an eviction, an error, an async store with its durations.
  const lru = instrumentCache(new LRUCache<string, string>(lruCacheHooks({ max: 1, maxSize: 100, sizeCalculation: (v: string) => v.length })), { name: 'docs-lru', meterProvider, bytes: 'library' });
  lru.set('a', 'x').set('b', 'y');
  lru.get('a');
  lru.get('b');
  lru.has('b');
  lru.peek('b');
  lru.delete('b');
  lru.clear();
  const map = instrumentCache(new Map<string, string>(), { name: 'docs-map', meterProvider, capacity: 10, bytes: (value) => value.length });
  map.set('k', 'value');
  const remote = instrumentCache(
    {
      get: async (key: string) => (key === 'boom' ? Promise.reject(new RangeError('down')) : null),
      set: async (_key: string, _value: string) => {},
    },
    { name: 'docs-remote', meterProvider },
  );
  await remote.set('k', 'v');
  await remote.get('k');
  await remote.get('boom').catch(() => undefined);

  // Storage: a named backend with a namespace, bytes both ways, usage and limit, a failure.
  class Store {
    async read(key: string): Promise<string> {
      if (key === 'missing') throw new Error('no such key');
      return 'content';
    }
    write(_key: string, _value: string): void {}
  }
  const store = instrumentStorage(new Store(), {
    system: 'docs-kv',
    name: 'docs',
    namespace: '0',
    meterProvider,
    operations: { read: true, write: { writes: 1, reads: false } },
    usage: () => ({ used: 10, limit: 100 }),
  });
  await store.read('k');
  store.write('k', 'value');
  await store.read('missing').catch(() => undefined);
  // SQLite (a query summary) and the file system (a failure with its code as status).
  const db = instrumentSqlite(new Database(':memory:'), { meterProvider });
  db.exec('CREATE TABLE notes (text TEXT)');
  db.prepare('SELECT text FROM notes').all();
  db.close();
  const fs = instrumentFileSystem(fsPromises, { meterProvider });
  await fs.readFile(path.join(os.tmpdir(), `mcp-otel-missing-${process.pid}`)).catch(() => undefined);

  // WebAssembly: compile, instantiate (and a failed one), calls, a trap, memory growth.
  const wasm = instrumentWasm(WebAssembly, { name: 'docs-wasm', meterProvider });
  const { instance } = await wasm.instantiate(await fixtureWasm('tools.wat'), { env: { log: () => {} } });
  const tools = instance.exports as unknown as { add(a: number, b: number): number; unreachable(): void; grow(pages: number): number };
  tools.add(1, 2);
  tools.grow(1);
  try {
    tools.unreachable();
  } catch {
    // counted as a trap
  }
  await wasm.instantiate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 2, 7, 1, 1, 120, 1, 121, 0, 0]), {}).catch(() => undefined);

  // A component: its lifecycle, an invocation, host calls and a failing one.
  const component = trackComponent('docs-component', { meterProvider });
  const code = await component.load(async () => ({ run: (host: { log(v: number): void; deny(): void }) => host.log(1) }));
  const host = component.imports({ 'docs:host/io': { log: (_v: number) => {}, deny: () => { throw new TypeError('denied'); } } });
  const api = component.exports(await component.instantiate(async () => ({ run: () => code.run(host['docs:host/io']) })));
  api.run();
  try {
    host['docs:host/io'].deny();
  } catch {
    // counted as a failed host call
  }
  component.invoke('explode', () => {
    try {
      throw new Error('boom');
    } catch {
      return undefined;
    }
  });
  component.unload();
}
