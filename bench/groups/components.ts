/**
 * Group `components` (issue 13): the cost of the cache, storage and WebAssembly wrappers against the
 * unwrapped call in the same process, and the heap an instrumented cache and a wrapped WebAssembly
 * instance add.
 *
 * Synchronous cases go through mitata (`measureNs`) in interleaved rounds, as the hot-path group
 * does; asynchronous ones are timed as batches of 200 awaited calls, interleaved likewise; each
 * figure is the median of its rounds. Heap: N objects built, full GC, `heapUsed` before and after,
 * per object; instrumented minus bare.
 */
import { LRUCache } from 'lru-cache';
import { instrumentCache, instrumentWasm, lruCacheHooks } from '@mcp-otel/instrumentation';
import { componentCases, globalPipeline, wasmBytes, type AsyncCase } from '../cases/components.js';
import { median, type Figure, type GroupResult } from '../lib/figures.js';
import { measureNs } from '../lib/measure-ns.js';
import { WebAssembly } from '../lib/web-assembly.js';
import type { GroupOptions } from './group-options.js';

const ASYNC_BATCH = 200;

async function asyncNs(c: AsyncCase): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ASYNC_BATCH; i++) await c.fn();
  return Number(process.hrtime.bigint() - start) / ASYNC_BATCH;
}

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the components group needs `node --expose-gc` (npm run bench passes it)');
  gc();
  gc();
}

/** Heap retained per object made by `make`, measured over `count` objects kept alive. */
async function bytesEach(count: number, make: () => unknown): Promise<number> {
  const kept: unknown[] = [];
  await make(); // code paths and shared state warmed up
  fullGc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) kept.push(await make());
  fullGc();
  const after = process.memoryUsage().heapUsed;
  if (kept.length !== count) throw new Error('unreachable');
  return (after - before) / count;
}

export async function runComponents(options: GroupOptions): Promise<GroupResult> {
  const fixture = await componentCases();
  const rounds = options.quick ? 3 : 7;
  const minCpuMs = options.quick ? 80 : 150;
  const samples = new Map<string, number[]>();
  const add = (id: string, value: number) => samples.set(id, [...(samples.get(id) ?? []), value]);
  try {
    for (const c of fixture.async) for (let i = 0; i < 5; i++) await asyncNs(c); // warmup
    for (let r = 0; r < rounds; r++) {
      // Rotate the order each round, so no case always follows the same one.
      const sync = [...fixture.sync.slice(r % fixture.sync.length), ...fixture.sync.slice(0, r % fixture.sync.length)];
      for (const c of sync) add(c.id, (await measureNs(c.fn, { minCpuMs })).p50);
      for (let b = 0; b < 10; b++) for (const c of r % 2 === 0 ? fixture.async : [...fixture.async].reverse()) add(`${c.id}#${r}`, await asyncNs(c));
    }
  } finally {
    await fixture.close();
  }
  const figures: Figure[] = [];
  for (const c of fixture.sync) figures.push({ id: c.id, label: c.label, value: median(samples.get(c.id)!), unit: 'ns' });
  for (const c of fixture.async) {
    const perRound = Array.from({ length: rounds }, (_, r) => median(samples.get(`${c.id}#${r}`)!));
    figures.push({ id: c.id, label: c.label, value: median(perRound), unit: 'ns' });
  }
  const value = (id: string) => figures.find((f) => f.id === id)!.value;
  figures.push({ id: 'cmp.wasm.overhead', label: 'instrumentWasm: added per export call', value: value('cmp.wasm.mcp-otel') - value('cmp.wasm.bare'), unit: 'ns' });
  figures.push({ id: 'cmp.storage.overhead', label: 'instrumentStorage: added per async call', value: value('cmp.storage.mcp-otel') - value('cmp.storage.bare'), unit: 'ns' });

  // Heap: what instrumenting adds to one cache and one WebAssembly instance.
  const pipeline = globalPipeline();
  try {
    const count = options.quick ? 200 : 1000;
    let n = 0;
    const mapBare = await bytesEach(count, () => new Map([['k', 1]]));
    const mapWrapped = await bytesEach(count, () => instrumentCache(new Map([['k', 1]]), { name: `heap-map-${n++ % 50}` }));
    const lruBare = await bytesEach(count, () => new LRUCache<string, number>(lruCacheHooks({ max: 10 })));
    const lruWrapped = await bytesEach(count, () => instrumentCache(new LRUCache<string, number>(lruCacheHooks({ max: 10 })), { name: `heap-lru-${n++ % 50}` }));
    const bytes = await wasmBytes();
    const module = await WebAssembly.compile(bytes);
    const wasm = instrumentWasm(WebAssembly, { name: 'heap-wasm' });
    const instanceBare = await bytesEach(count, () => WebAssembly.instantiate(module));
    const instanceWrapped = await bytesEach(count, () => wasm.instantiate(module));
    figures.push(
      { id: 'cmp.heap.map', label: 'heap added by instrumentCache to a Map', value: mapWrapped - mapBare, unit: 'B' },
      { id: 'cmp.heap.lru', label: 'heap added by instrumentCache to an lru-cache', value: lruWrapped - lruBare, unit: 'B' },
      { id: 'cmp.heap.wasm-instance', label: 'heap added by instrumentWasm to an instance (1 export, 1 memory)', value: instanceWrapped - instanceBare, unit: 'B' },
    );
  } finally {
    await pipeline.shutdown();
  }
  return { group: 'components', figures, notes: [] };
}
