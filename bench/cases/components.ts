/**
 * Cases of the `components` group (issue 13): the same operation on a bare library object and on
 * one instrumented by @mcp-otel/instrumentation, recording into the pipeline `startMetrics` builds
 * (`createMetricsPipeline`, registered as the global provider as `startMetrics` does; the wrappers
 * take no `meterProvider`, as in the README). Each fixture keeps its setup outside the measured call.
 */
import { metrics } from '@opentelemetry/api';
import { LRUCache } from 'lru-cache';
import wabt from 'wabt';
import { instrumentCache, instrumentStorage, instrumentWasm, lruCacheHooks } from '@mcp-otel/instrumentation';
import { createMetricsPipeline, resolveConfig } from '@mcp-otel/sdk';
import type { MetricsPipeline } from '@mcp-otel/sdk';
import { exportsOf, WebAssembly } from '../lib/web-assembly.js';

/** A synchronous case: `fn` is one call. */
export interface SyncCase {
  id: string;
  label: string;
  fn: () => unknown;
}

/** An asynchronous case: `fn` is one awaited call. */
export interface AsyncCase {
  id: string;
  label: string;
  fn: () => Promise<unknown>;
}

const KEYS = Array.from({ length: 1024 }, (_, i) => `key-${i}`);
/**
 * Where each measured call's result goes: a module-level variable the optimizer cannot drop. Without
 * it TurboFan removes an inlined bare `Map.get` whose result is unused (measured: 0.8 ns).
 */
export let sink: unknown;

export interface ComponentsFixture {
  sync: SyncCase[];
  async: AsyncCase[];
  pipeline: MetricsPipeline;
  close(): Promise<void>;
}

/** `(module (func (export "add") (param i32 i32) (result i32) ...))`, built by wabt as in the tests. */
const ADD_WAT = '(module (memory (export "memory") 1) (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))';

export async function wasmBytes(): Promise<Uint8Array<ArrayBuffer>> {
  const tools = await wabt();
  const module = tools.parseWat('add.wat', ADD_WAT);
  const bytes = new Uint8Array(module.toBinary({}).buffer);
  module.destroy();
  return bytes;
}

/** The global pipeline every case records into (one per child process). */
export function globalPipeline(): MetricsPipeline {
  const pipeline = createMetricsPipeline(resolveConfig({ config: { exporters: [{ type: 'prometheus', port: 0 }], registerGlobal: false, runtime: false }, env: {} }));
  metrics.setGlobalMeterProvider(pipeline.meterProvider);
  return pipeline;
}

export async function componentCases(): Promise<ComponentsFixture> {
  const pipeline = globalPipeline();

  const fill = <M extends { set(k: string, v: number): unknown }>(map: M): M => {
    KEYS.forEach((key, i) => map.set(key, i));
    return map;
  };
  const bareMap = fill(new Map<string, number>());
  const map = fill(instrumentCache(new Map<string, number>(), { name: 'bench-map' }));
  const bareLru = fill(new LRUCache<string, number>(lruCacheHooks({ max: 2048 })));
  const lru = fill(instrumentCache(new LRUCache<string, number>(lruCacheHooks({ max: 2048 })), { name: 'bench-lru' }));

  const bytes = await wasmBytes();
  type Add = { add(a: number, b: number): number };
  const bare = exportsOf<Add>(await WebAssembly.instantiate(bytes));
  const wrapped = exportsOf<Add>(await instrumentWasm(WebAssembly, { name: 'bench-wasm' }).instantiate(bytes));

  const backend = () => ({ get: (key: string) => Promise.resolve(key.length) });
  const bareStore = backend();
  const store = instrumentStorage(backend(), { system: 'bench-kv', operations: ['get'] });

  let i = 0;
  const next = () => (i = (i + 1) & 1023);
  return {
    pipeline,
    sync: [
      { id: 'cmp.map.bare', label: 'Map.get, a hit: bare Map', fn: () => (sink = bareMap.get(KEYS[next()]!)) },
      { id: 'cmp.map.mcp-otel', label: 'Map.get, a hit: instrumentCache(map)', fn: () => (sink = map.get(KEYS[next()]!)) },
      { id: 'cmp.lru.bare', label: 'lru-cache get, a hit: bare LRUCache', fn: () => (sink = bareLru.get(KEYS[next()]!)) },
      { id: 'cmp.lru.mcp-otel', label: 'lru-cache get, a hit: instrumentCache(lru)', fn: () => (sink = lru.get(KEYS[next()]!)) },
      { id: 'cmp.wasm.bare', label: 'WebAssembly export call add(i, 1): bare instance', fn: () => (sink = bare.add(next(), 1)) },
      { id: 'cmp.wasm.mcp-otel', label: 'WebAssembly export call add(i, 1): instrumentWasm', fn: () => (sink = wrapped.add(next(), 1)) },
    ],
    async: [
      { id: 'cmp.storage.bare', label: 'async storage get, awaited: bare backend', fn: () => bareStore.get(KEYS[next()]!) },
      { id: 'cmp.storage.mcp-otel', label: 'async storage get, awaited: instrumentStorage(backend)', fn: () => store.get(KEYS[next()]!) },
    ],
    close: async () => {
      metrics.disable();
      await pipeline.shutdown();
    },
  };
}
