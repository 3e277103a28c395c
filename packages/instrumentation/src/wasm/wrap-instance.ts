import { errorTypeOf } from '../bounded-values.js';
import { now } from '../clock.js';
import { copyIdentity } from '../own-method.js';
import type { AnyFunction } from '../own-method.js';
import { reportFailure } from '../safe.js';
import { trapKindOf } from './trap-kind.js';
import type { ExportAttributes, MemoryLike, WasmModuleCells } from './wasm-module-cells.js';
import type { WasmTelemetry } from './wasm-telemetry.js';

/** The members of a `WebAssembly.Instance` read here. */
export interface InstanceLike {
  readonly exports: Record<string, unknown>;
}

/** A linear memory and the buffer last seen: V8 and the spec detach the old buffer when it grows. */
type MemoryTracker = { readonly memory: MemoryLike; buffer: ArrayBuffer | SharedArrayBuffer; readonly shared: boolean };

/** What the wrappers of one instance share. */
type InstanceSite = { readonly telemetry: WasmTelemetry; readonly cells: WasmModuleCells; readonly runtimeError: unknown; readonly trackers: MemoryTracker[] };

/**
 * Gives an instance a wrapped `exports`: a frozen, null-prototype object like the original, whose
 * functions count and time each call and classify traps, and whose memories, tables and globals are
 * the instance's own objects. It is an own property of the instance that shadows the prototype's
 * getter; the original exports object is left as it was. Counts the instance as live until it is
 * garbage collected.
 */
export function wrapInstance(instance: InstanceLike, telemetry: WasmTelemetry, cells: WasmModuleCells, runtimeError: unknown, importedMemories: readonly MemoryLike[]): void {
  const original = instance.exports;
  const memories = [...importedMemories, ...Object.values(original).filter(isMemory)];
  const trackers: MemoryTracker[] = memories.map((memory) => {
    const buffer = memory.buffer;
    return { memory, buffer, shared: typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer };
  });
  const site: InstanceSite = { telemetry, cells, runtimeError, trackers };
  const wrapped = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of Object.entries(original)) {
    wrapped[name] = typeof value === 'function' ? wrapExport(value as AnyFunction, cells.exportAttributes(name), site) : value;
  }
  Object.defineProperty(instance, 'exports', { value: Object.freeze(wrapped), writable: false, enumerable: false, configurable: true });
  for (const memory of memories) cells.watchMemory(memory);
  cells.liveInstances++;
  telemetry.released.register(instance, cells);
}

/** A memory by shape: a `buffer` and a `grow` (also true of `WebAssembly.Memory` from another realm). */
export function isMemory(value: unknown): value is MemoryLike {
  return typeof value === 'object' && value !== null && typeof (value as { grow?: unknown }).grow === 'function' && 'buffer' in value && !('get' in value);
}

function wrapExport(fn: AnyFunction, attributes: ExportAttributes, site: InstanceSite): AnyFunction {
  const wrapper = function (this: unknown) {
    const start = now();
    let result: unknown;
    try {
      // eslint-disable-next-line prefer-rest-params -- forwards the exact arguments without copying them
      result = fn.apply(this, arguments as unknown as unknown[]);
    } catch (error) {
      recordFailure(site, attributes, start, error);
      throw error;
    }
    recordCall(site, attributes, start);
    return result;
  };
  copyIdentity(wrapper, fn);
  return wrapper;
}

function recordCall(site: InstanceSite, attributes: ExportAttributes, start: number): void {
  try {
    site.telemetry.instruments().call.record((now() - start) / 1000, attributes.call);
    checkGrowth(site);
  } catch (error) {
    reportFailure('recording a WebAssembly call', error);
  }
}

function recordFailure(site: InstanceSite, attributes: ExportAttributes, start: number, error: unknown): void {
  try {
    const instruments = site.telemetry.instruments();
    const trap = trapKindOf(error, site.runtimeError);
    instruments.call.record((now() - start) / 1000, attributes.failed(trap ?? errorTypeOf(error)));
    if (trap !== undefined) instruments.traps.add(1, attributes.trap(trap));
    checkGrowth(site);
  } catch (recordError) {
    reportFailure('recording a failed WebAssembly call', recordError);
  }
}

/**
 * Counts memories that grew since the last call. Growing detaches a memory's ArrayBuffer (its length
 * reads 0), so the usual check is one length read; only a detached, empty or shared buffer costs a
 * read of `memory.buffer`. Several grows within one call count once.
 */
function checkGrowth(site: InstanceSite): void {
  for (const tracker of site.trackers) {
    const seen = tracker.buffer.byteLength;
    if (seen !== 0 && !tracker.shared) continue;
    const current = tracker.memory.buffer;
    if (current.byteLength !== seen) site.cells.grows++;
    tracker.buffer = current;
  }
}
