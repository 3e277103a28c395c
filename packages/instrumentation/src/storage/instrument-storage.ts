import type { Attributes } from '@opentelemetry/api';
import { defineOwnMethod } from '../own-method.js';
import type { AnyFunction } from '../own-method.js';
import { safeCall, warnOnce } from '../safe.js';
import { invalidOption } from '../option-checks.js';
import { ATTR_MCP_OTEL_STORAGE_NAME } from './storage-names.js';
import type { ResolvedOperation, ResolvedStorageOptions, StorageInstrumentationOptions } from './storage-options.js';
import { resolveStorageOptions } from './storage-options.js';
import { StorageRecorder } from './storage-recorder.js';
import { ATTR_DB_NAMESPACE, ATTR_DB_SYSTEM_NAME } from './storage-semconv.js';
import { storageTelemetry } from './storage-telemetry.js';

const instrumented = new WeakMap<object, object>();

/**
 * Records every call of a storage backend's operations as the semantic conventions'
 * `db.client.operation.duration` (with `db.system.name`, `db.operation.name`, `db.namespace` and,
 * on failure, `error.type`), counts the bytes of the values read and written
 * (`mcp_otel.storage.io`) and, with `usage`, the space used (`mcp_otel.storage.usage`, `.limit`,
 * `.utilization`). Operations may be synchronous or return promises.
 *
 * Returns the backend to use from now on: the same object, with its operations replaced by own,
 * non-enumerable wrappers; or, when it cannot be changed (frozen, a module namespace), an object
 * that inherits from it. Results, errors (the same objects), rejections and `this` are the backend's
 * own. Keys, values and queries are never recorded. Ready-made: {@link instrumentSqlite},
 * {@link instrumentRedis}, {@link instrumentFileSystem}.
 *
 * @throws TypeError for invalid options, or an operation that is not a method of the backend.
 * @example
 * ```ts
 * import { instrumentStorage } from '@mcp-otel/instrumentation';
 *
 * class BlobStore { // a client of your own, here over HTTP
 *   constructor(private readonly url: string) {}
 *   async download(name: string): Promise<string> {
 *     return (await fetch(`${this.url}/${name}`)).text();
 *   }
 *   async upload(name: string, body: string): Promise<void> {
 *     await fetch(`${this.url}/${name}`, { method: 'PUT', body });
 *   }
 * }
 * const blobs = instrumentStorage(new BlobStore('https://blobs.example.com/reports'), { system: 'blob', operations: { download: true, upload: { writes: 1 } } });
 * await blobs.download('2026-01.json'); // db.client.operation.duration{db.operation.name="download"} + one, its size in mcp_otel.storage.io
 * ```
 */
export function instrumentStorage<T extends object>(backend: T, options: StorageInstrumentationOptions<T>): T {
  return instrumentStorageWith('instrumentStorage', backend, resolveStorageOptions('instrumentStorage', options), {});
}

/** What adapters add: attributes of their own (`server.*`), or an overlay instead of in-place wrappers. */
export type StorageExtras = {
  attributes?: Attributes;
  overlay?: boolean;
  /** The database's status code of an error (`db.response.status_code`), when it has one. */
  statusOf?: (error: unknown) => string | undefined;
};

/** The shared core of `instrumentStorage` and the adapters. */
export function instrumentStorageWith<T extends object>(fn: string, backend: T, options: ResolvedStorageOptions, extras: StorageExtras): T {
  if (typeof backend !== 'object' || backend === null) throw new TypeError(`@mcp-otel/instrumentation: ${fn}(backend) needs an object whose methods are storage operations`);
  const previous = extras.overlay === true ? undefined : instrumented.get(backend);
  if (previous !== undefined) {
    warnOnce(`${fn} twice ${options.system}`, `${fn}: this ${options.system} backend is already instrumented; the second call changes nothing`);
    return previous as T;
  }
  const operations = options.operations ?? discoverOperations(backend);
  for (const operation of operations) {
    if (typeof (backend as Record<string, unknown>)[operation.method] !== 'function') {
      invalidOption(fn, `operations.${operation.method}`, (backend as Record<string, unknown>)[operation.method], 'name a method of the backend');
    }
  }
  const recorder = createStorageRecorder(options, extras.attributes, backend);
  const target = extras.overlay === true || !Object.isExtensible(backend) ? (Object.create(backend) as T) : backend;
  for (const operation of operations) wrapOperation(target, backend, operation, recorder, extras.statusOf);
  if (extras.overlay !== true) instrumented.set(backend, target);
  instrumented.set(target, target);
  return target;
}

/** A recorder for one backend, with its usage reported while the backend lives. */
export function createStorageRecorder(options: ResolvedStorageOptions, extra: Attributes | undefined, backend: object): StorageRecorder {
  const base: Attributes = { [ATTR_DB_SYSTEM_NAME]: options.system };
  if (options.namespace !== undefined) base[ATTR_DB_NAMESPACE] = options.namespace;
  if (options.name !== undefined) base[ATTR_MCP_OTEL_STORAGE_NAME] = options.name;
  Object.assign(base, extra);
  const telemetry = storageTelemetry.for(options.meterProvider);
  if (options.usage !== undefined) {
    const usageAttributes: Attributes = { [ATTR_DB_SYSTEM_NAME]: options.system };
    if (options.namespace !== undefined) usageAttributes[ATTR_DB_NAMESPACE] = options.namespace;
    if (options.name !== undefined) usageAttributes[ATTR_MCP_OTEL_STORAGE_NAME] = options.name;
    telemetry.watchUsage(backend, options.usage, usageAttributes);
  }
  // Registers the observers now (bytes and usage are only read at collection).
  safeCall('creating the storage instruments', () => telemetry.duration(), undefined, undefined, undefined);
  return new StorageRecorder(telemetry, Object.freeze(base));
}

function wrapOperation(target: object, backend: object, operation: ResolvedOperation, recorder: StorageRecorder, statusOf: StorageExtras['statusOf']): void {
  const original = (backend as Record<string, AnyFunction>)[operation.method]!;
  const site = recorder.site({ operation: operation.name });
  const { writes, reads } = operation;
  const wrapper = function (this: unknown, ...args: unknown[]) {
    // Called on an overlay, the backend's method runs on the backend itself (private fields live there).
    const self = this === target && target !== backend ? backend : this;
    return recorder.call(site, original, self, args, reads, writes === undefined ? undefined : args[writes], statusOf);
  };
  defineOwnMethod(target, operation.method, wrapper, original);
}

/** Every method of the object and its prototypes (up to Object.prototype), getters left alone. */
function discoverOperations(backend: object): ResolvedOperation[] {
  const methods = new Set<string>();
  for (let o: object | null = backend; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(o))) {
      if (key !== 'constructor' && !key.startsWith('_') && typeof descriptor.value === 'function') methods.add(key);
    }
  }
  return [...methods].map((method) => ({ method, name: method, writes: undefined, reads: true }));
}
