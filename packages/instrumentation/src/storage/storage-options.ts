import type { MeterProvider } from '@opentelemetry/api';
import { checkFunction, checkKnownKeys, checkMeterProvider, checkName, checkOptionsObject, invalidOption } from '../option-checks.js';

/** The method names of `T` (its function-valued keys). */
export type MethodName<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T] & string;

/** How one method is recorded. */
export type StorageOperationSpec = {
  /** Value of `db.operation.name`. @default the method name */
  name?: string;
  /** Index of the argument holding the value written; its size counts as bytes written. @default none */
  writes?: number;
  /** Count the size of the result (string, bytes, or an array of them) as bytes read. @default true */
  reads?: boolean;
};

/** Space a storage uses and may use, in bytes; either may be left out. */
export type StorageUsage = { used?: number; limit?: number };

/** Options of {@link instrumentStorage}. */
export type StorageInstrumentationOptions<T = object> = {
  /** Value of `db.system.name`: a name from the conventions (`sqlite`, `redis`, `postgresql`, ...) or your own. */
  system: string;
  /** Value of `mcp_otel.storage.name`, to tell apart two stores of one system. @default none */
  name?: string;
  /** Value of `db.namespace`: the database (index) of the connection. @default none */
  namespace?: string;
  /**
   * The methods that are storage operations: a list, or a map from method to how it is recorded.
   * @default every method of the object and its prototypes, except `constructor` and `_`-prefixed ones
   */
  operations?: readonly MethodName<T>[] | { readonly [K in MethodName<T>]?: StorageOperationSpec | true };
  /**
   * Reads the space used and the limit, at each collection (`mcp_otel.storage.usage`, `.limit`,
   * `.utilization`). Return `undefined` when unknown. @default none
   */
  usage?: () => StorageUsage | undefined;
  /** Where the metrics go. @default `metrics.getMeterProvider()` at each operation */
  meterProvider?: MeterProvider;
};

/** One operation after resolution. */
export type ResolvedOperation = { method: string; name: string; writes: number | undefined; reads: boolean };

export type ResolvedStorageOptions = {
  system: string;
  name: string | undefined;
  namespace: string | undefined;
  operations: ResolvedOperation[] | undefined;
  usage: (() => StorageUsage | undefined) | undefined;
  meterProvider: MeterProvider | undefined;
};

const KEYS = ['system', 'name', 'namespace', 'operations', 'usage', 'meterProvider'] as const;
const SPEC_KEYS = ['name', 'writes', 'reads'];
const SYSTEM = /^[a-z][a-z0-9_.-]{0,63}$/;

/** @throws TypeError naming the option, the value and the fix. */
export function resolveStorageOptions(fn: string, options: unknown): ResolvedStorageOptions {
  const o = checkOptionsObject(fn, options, true);
  checkKnownKeys(fn, o, KEYS);
  const system = o['system'];
  if (typeof system !== 'string' || !SYSTEM.test(system)) invalidOption(fn, 'system', system, 'pass the database system in lowercase, e.g. "sqlite", "redis" or "filesystem"');
  const namespace = o['namespace'];
  if (namespace !== undefined && (typeof namespace !== 'string' || namespace.length === 0 || namespace.length > 255)) {
    invalidOption(fn, 'namespace', namespace, 'pass the database name or index as a non-empty string');
  }
  return {
    system,
    name: checkName(fn, 'name', o['name'], false),
    namespace,
    operations: resolveOperations(fn, o['operations']),
    usage: checkFunction<() => StorageUsage | undefined>(fn, 'usage', o['usage']),
    meterProvider: checkMeterProvider(fn, o['meterProvider']),
  };
}

function resolveOperations(fn: string, value: unknown): ResolvedOperation[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    return (value as unknown[]).map((method, i) => {
      if (typeof method !== 'string' || method.length === 0) invalidOption(fn, `operations[${i}]`, method, 'pass method names');
      return { method, name: method, writes: undefined, reads: true };
    });
  }
  if (typeof value !== 'object' || value === null) invalidOption(fn, 'operations', value, 'pass a list of method names or an object { method: { name, writes, reads } }');
  return Object.entries(value as Record<string, unknown>).map(([method, spec]) => {
    if (spec === true) return { method, name: method, writes: undefined, reads: true };
    if (typeof spec !== 'object' || spec === null) invalidOption(fn, `operations.${method}`, spec, 'pass true or { name, writes, reads }');
    const s = spec as Record<string, unknown>;
    checkKnownKeys(fn, s, SPEC_KEYS);
    const name = checkName(fn, `operations.${method}.name`, s['name'], false) ?? method;
    const writes = s['writes'];
    if (writes !== undefined && !(Number.isInteger(writes) && (writes as number) >= 0)) invalidOption(fn, `operations.${method}.writes`, writes, 'pass the index of the argument holding the value written, e.g. 1');
    const reads = s['reads'];
    if (reads !== undefined && typeof reads !== 'boolean') invalidOption(fn, `operations.${method}.reads`, reads, 'pass true or false');
    return { method, name, writes: writes as number | undefined, reads: (reads) ?? true };
  });
}
