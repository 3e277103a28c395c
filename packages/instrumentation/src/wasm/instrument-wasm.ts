import type { Attributes, Histogram, MeterProvider } from '@opentelemetry/api';
import { BoundedValues, errorTypeOf } from '../bounded-values.js';
import { now } from '../clock.js';
import { checkKnownKeys, checkMeterProvider, checkName, checkOptionsObject } from '../option-checks.js';
import { copyIdentity } from '../own-method.js';
import { reportFailure, safeCall, warnOnce } from '../safe.js';
import type { MemoryLike, WasmModuleCells } from './wasm-module-cells.js';
import { wasmTelemetry } from './wasm-telemetry.js';
import type { WasmTelemetry } from './wasm-telemetry.js';
import { isMemory, wrapInstance } from './wrap-instance.js';
import type { InstanceLike } from './wrap-instance.js';

/** The part of the `WebAssembly` namespace used here (a copied shape: no DOM or Node types needed). */
export interface WebAssemblyLike {
  compile(bytes: unknown): Promise<object>;
  instantiate(source: unknown, imports?: object): Promise<unknown>;
  compileStreaming?(source: unknown): Promise<object>;
  instantiateStreaming?(source: unknown, imports?: object): Promise<unknown>;
  readonly Module: abstract new (...args: never[]) => object;
  readonly Instance: abstract new (...args: never[]) => object;
  readonly RuntimeError: abstract new (...args: never[]) => object;
}

/** Options of {@link instrumentWasm} and {@link instrumentWasmInstance}. */
export type WasmInstrumentationOptions = {
  /** Value of `mcp_otel.wasm.module.name`. At most 100 distinct names per process, then `_OTHER`. */
  name: string;
  /** Where the metrics go. @default `metrics.getMeterProvider()` at each call */
  meterProvider?: MeterProvider;
};

const MAX_MODULE_NAMES = 100;
const moduleNames = new BoundedValues(MAX_MODULE_NAMES);

function resolve(fn: string, options: unknown): { cells: WasmModuleCells; telemetry: WasmTelemetry } {
  const o = checkOptionsObject(fn, options, true);
  checkKnownKeys(fn, o, ['name', 'meterProvider']);
  const requested = checkName(fn, 'name', o['name'], true)!;
  const name = moduleNames.admit(requested);
  if (name !== requested) warnOnce('instrumentWasm names', `${fn}: more than ${MAX_MODULE_NAMES} module names; "${requested}" and later ones are recorded as ${name}`);
  const telemetry = wasmTelemetry.for(checkMeterProvider(fn, o['meterProvider']));
  // Registers the observers now: instances and memory are only read at collection.
  safeCall('creating the WebAssembly instruments', () => telemetry.instruments(), undefined, undefined, undefined);
  return { cells: telemetry.moduleCells(name), telemetry };
}

/**
 * A drop-in for the `WebAssembly` namespace that measures one module (or family of modules) under
 * `name`: `compile`, `compileStreaming`, `instantiate` and `instantiateStreaming` record their
 * durations and the module size; every instance they (or `new wasm.Instance(...)`) create gets
 * wrapped exports that count and time each call (`mcp_otel.wasm.call.duration`), count traps by kind
 * without changing the thrown error, and watch linear memory (size and growth). Instances are
 * counted while alive (see docs/metrics.md on garbage collection).
 *
 * Returns a new object inheriting from `webAssembly` (`Module`, `Memory`, `validate`, ... are the
 * originals); the global `WebAssembly` is never changed. Results are the engine's own objects:
 * `instanceof WebAssembly.Instance` holds, and errors are the same objects.
 *
 * @example
 * ```ts
 * import { instrumentWasm } from '@mcp-otel/instrumentation';
 * import { readFile } from 'node:fs/promises';
 *
 * const wasm = instrumentWasm(WebAssembly, { name: 'image-tools' });
 * const { instance } = await wasm.instantiate(await readFile('image-tools.wasm'), { env: { log: (code: number) => console.error('image-tools', code) } });
 * const resize = instance.exports.resize as (width: number, height: number) => number;
 * resize(640, 480); // mcp_otel.wasm.call.duration{mcp_otel.wasm.export.name="resize"}
 * ```
 */
export function instrumentWasm<W extends WebAssemblyLike>(webAssembly: W, options: WasmInstrumentationOptions): W {
  const { cells, telemetry } = resolve('instrumentWasm', options);
  if (typeof webAssembly?.compile !== 'function' || typeof webAssembly.Instance !== 'function') {
    throw new TypeError('@mcp-otel/instrumentation: instrumentWasm(webAssembly) needs the WebAssembly namespace (pass globalThis.WebAssembly)');
  }
  const wasm = Object.create(webAssembly) as W;
  const native = webAssembly as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const load = new Loader(webAssembly, telemetry, cells);

  define(wasm, 'compile', native['compile']!, async (bytes: unknown) => load.compile(() => native['compile']!.call(webAssembly, bytes), sizeOf(bytes)));
  define(wasm, 'instantiate', native['instantiate']!, async (source: unknown, imports?: object) => {
    if (source instanceof webAssembly.Module) return load.instantiate(source, imports);
    const module = await load.compile(() => native['compile']!.call(webAssembly, source), sizeOf(source));
    return { module, instance: await load.instantiate(module as object, imports) };
  });
  if (typeof native['compileStreaming'] === 'function') {
    define(wasm, 'compileStreaming', native['compileStreaming'], async (source: unknown) => load.compile(() => native['compileStreaming']!.call(webAssembly, source), undefined));
  }
  if (typeof native['instantiateStreaming'] === 'function' && typeof native['compileStreaming'] === 'function') {
    define(wasm, 'instantiateStreaming', native['instantiateStreaming'], async (source: unknown, imports?: object) => {
      const module = await load.compile(() => native['compileStreaming']!.call(webAssembly, source), undefined);
      return { module, instance: await load.instantiate(module as object, imports) };
    });
  }
  const NativeInstance = webAssembly.Instance as unknown as new (module: object, imports?: object) => InstanceLike;
  const Instance = function Instance(this: unknown, module: object, imports?: object): InstanceLike {
    if (new.target === undefined) return (NativeInstance as unknown as (m: object, i?: object) => InstanceLike)(module, imports); // the engine's own TypeError
    return load.instantiateSync(() => new NativeInstance(module, imports), imports);
  };
  Instance.prototype = NativeInstance.prototype as unknown as object;
  copyIdentity(Instance, NativeInstance as unknown as (...args: unknown[]) => unknown);
  Object.defineProperty(wasm, 'Instance', { value: Instance, writable: true, configurable: true, enumerable: false });
  return wasm;
}

/**
 * Wraps the exports of an instance created elsewhere (by a library, or a component's
 * `instantiateCore`) as {@link instrumentWasm} does, and counts it as live. Returns the same instance.
 *
 * @example
 * ```ts
 * import { instrumentWasmInstance } from '@mcp-otel/instrumentation';
 * import { readFileSync } from 'node:fs';
 *
 * const module = new WebAssembly.Module(readFileSync('codec.wasm'));
 * const instance = instrumentWasmInstance(new WebAssembly.Instance(module, {}), { name: 'codec' });
 * ```
 */
export function instrumentWasmInstance<I extends object>(instance: I, options: WasmInstrumentationOptions, webAssembly: Pick<WebAssemblyLike, 'RuntimeError'> | undefined = (globalThis as { WebAssembly?: WebAssemblyLike }).WebAssembly): I {
  const { cells, telemetry } = resolve('instrumentWasmInstance', options);
  if (typeof (instance as Partial<InstanceLike>).exports !== 'object') throw new TypeError('@mcp-otel/instrumentation: instrumentWasmInstance(instance) needs a WebAssembly.Instance');
  if (Object.prototype.hasOwnProperty.call(instance, 'exports')) {
    warnOnce('instrumentWasmInstance twice', 'instrumentWasmInstance: this instance is already instrumented; the second call changes nothing');
    return instance;
  }
  wrapInstance(instance as unknown as InstanceLike, telemetry, cells, webAssembly?.RuntimeError, []);
  return instance;
}

/** Compiles and instantiates with their durations recorded, and wraps what comes out. */
class Loader {
  constructor(
    private readonly webAssembly: WebAssemblyLike,
    private readonly telemetry: WasmTelemetry,
    private readonly cells: WasmModuleCells,
  ) {}

  async compile(run: () => Promise<unknown>, size: number | undefined): Promise<unknown> {
    const start = now();
    try {
      const module = await run();
      this.record((i) => i.compile, start, undefined);
      if (size !== undefined) this.cells.moduleSize = size;
      return module;
    } catch (error) {
      this.record((i) => i.compile, start, error);
      throw error;
    }
  }

  async instantiate(module: object, imports: object | undefined): Promise<unknown> {
    const start = now();
    let instance: unknown;
    try {
      instance = await (this.webAssembly.instantiate).call(this.webAssembly, module, imports);
    } catch (error) {
      this.record((i) => i.instantiate, start, error);
      throw error;
    }
    this.record((i) => i.instantiate, start, undefined);
    this.wrap(instance as InstanceLike, imports);
    return instance;
  }

  instantiateSync(create: () => InstanceLike, imports: object | undefined): InstanceLike {
    const start = now();
    let instance: InstanceLike;
    try {
      instance = create();
    } catch (error) {
      this.record((i) => i.instantiate, start, error);
      throw error;
    }
    this.record((i) => i.instantiate, start, undefined);
    this.wrap(instance, imports);
    return instance;
  }

  private wrap(instance: InstanceLike, imports: object | undefined): void {
    try {
      wrapInstance(instance, this.telemetry, this.cells, this.webAssembly.RuntimeError, importedMemories(imports));
    } catch (error) {
      reportFailure('wrapping WebAssembly exports', error);
    }
  }

  private record(pick: (instruments: ReturnType<WasmTelemetry['instruments']>) => Histogram, start: number, error: unknown): void {
    try {
      const attributes: Attributes = error === undefined ? this.cells.base : this.cells.loadFailed(errorTypeOf(error));
      pick(this.telemetry.instruments()).record((now() - start) / 1000, attributes);
    } catch (recordError) {
      reportFailure('recording a WebAssembly compile or instantiate', recordError);
    }
  }
}

function define(target: object, key: string, original: (...args: never[]) => unknown, wrapper: (...args: never[]) => unknown): void {
  copyIdentity(wrapper as (...args: unknown[]) => unknown, original as (...args: unknown[]) => unknown);
  Object.defineProperty(target, key, { value: wrapper, writable: true, configurable: true, enumerable: false });
}

/** Bytes of a module binary given as an ArrayBuffer or a view on one. */
function sizeOf(bytes: unknown): number | undefined {
  if (bytes instanceof ArrayBuffer || ArrayBuffer.isView(bytes)) return bytes.byteLength;
  return undefined;
}

/** Memories passed in the import object (`{ env: { memory } }`). */
function importedMemories(imports: object | undefined): MemoryLike[] {
  const found: MemoryLike[] = [];
  if (typeof imports !== 'object' || imports === null) return found;
  for (const namespace of Object.values(imports)) {
    if (typeof namespace !== 'object' || namespace === null) continue;
    for (const value of Object.values(namespace as Record<string, unknown>)) if (isMemory(value)) found.push(value);
  }
  return found;
}
