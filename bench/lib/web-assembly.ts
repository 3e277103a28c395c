/**
 * The global `WebAssembly`, typed for what the bench uses: the bench compiles against @types/node
 * 20, which does not declare it (its types are in TypeScript's DOM lib).
 */
import type { WebAssemblyLike } from '@mcp-otel/instrumentation';

export interface BenchWebAssembly extends WebAssemblyLike {
  compile(bytes: Uint8Array): Promise<object>;
  /** `instantiate(module)` gives the instance; `instantiate(bytes)` gives `{ module, instance }`. */
  instantiate(source: object, imports?: object): Promise<unknown>;
}

export const WebAssembly = (globalThis as unknown as { WebAssembly: BenchWebAssembly }).WebAssembly;

/** The exports of an instance (from `instantiate(bytes)`'s `{ instance }`, or an instance). */
export function exportsOf<T>(result: unknown): T {
  const instance = (result as { instance?: unknown }).instance ?? result;
  return (instance as { exports: T }).exports;
}
