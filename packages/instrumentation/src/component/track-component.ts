import type { MeterProvider } from '@opentelemetry/api';
import { BoundedValues, errorTypeOf } from '../bounded-values.js';
import { now } from '../clock.js';
import { checkKnownKeys, checkMeterProvider, checkName, checkOptionsObject } from '../option-checks.js';
import { copyIdentity, isThenable, watchSettlement } from '../own-method.js';
import type { AnyFunction } from '../own-method.js';
import { reportFailure, safeCall, warnOnce } from '../safe.js';
import { componentTelemetry } from './component-telemetry.js';
import type { ComponentCells, ComponentOperation, ComponentTelemetry } from './component-telemetry.js';

/** Options of {@link trackComponent} and {@link instrumentComponent}. */
export type ComponentInstrumentationOptions = {
  /** Where the metrics go. @default `metrics.getMeterProvider()` at each operation */
  meterProvider?: MeterProvider;
};

const MAX_COMPONENT_NAMES = 100;
const componentNames = new BoundedValues(MAX_COMPONENT_NAMES);

/**
 * Metrics for one component a host loads and runs (a plugin, a sandboxed tool, a WebAssembly
 * component transpiled by jco). Each method runs the host's own function and returns what it
 * returns (for a promise: one with the same outcome), rethrowing its errors unchanged.
 */
export class ComponentTracker {
  /** @internal use {@link trackComponent} */
  constructor(
    private readonly telemetry: ComponentTelemetry,
    private readonly cells: ComponentCells,
  ) {}

  /** Times loading the component (fetching or importing its code). */
  load<T>(load: () => T): T {
    return this.timed('load', undefined, load, undefined);
  }

  /** Times instantiating it; once instantiated it counts in `mcp_otel.component.active`. */
  instantiate<T>(instantiate: () => T): T {
    return this.timed('instantiate', undefined, instantiate, () => this.cells.active++);
  }

  /** Times one call of the component's function `name` (see {@link ComponentTracker.exports} to wrap them all). */
  invoke<T>(name: string, call: () => T): T {
    return this.timed('invoke', name, call, undefined);
  }

  /** Times unloading it (`unload` optional) and counts it out of `mcp_otel.component.active`. */
  unload(): undefined;
  unload<T>(unload: () => T): T;
  unload<T>(unload?: () => T): T | undefined {
    const release = () => {
      if (this.cells.active > 0) this.cells.active--;
    };
    if (unload === undefined) {
      this.record('unload', undefined, now(), undefined);
      release();
      return undefined;
    }
    return this.timed('unload', undefined, unload, release);
  }

  /**
   * The component's exports with each function timed as `invoke` (functions of interface objects one
   * level down too, named `iface.fn`). Changes an extensible exports object in place; a frozen one
   * (an ES module namespace) is overlaid by an object that inherits from it. Returns what to use.
   */
  exports<E extends object>(api: E): E {
    const timed = this.timed.bind(this);
    return overlay(api, '.', (fn, name) =>
      function (this: unknown, ...args: unknown[]) {
        return timed('invoke', name, () => fn.apply(this, args), undefined);
      },
    );
  }

  /**
   * A copy of the import object to give the component, with each host function counted in
   * `mcp_otel.component.host_calls` (failures with `error.type`), named `interface#fn`. The host's
   * own object is left as it is.
   */
  imports<I extends object>(imports: I): I {
    return copyWrapped(imports, '#', (fn, name) => {
      const calls = this.cells.hostCall(name);
      const cells = this.cells;
      return function (this: unknown, ...args: unknown[]) {
        calls.count++;
        let result: unknown;
        try {
          result = fn.apply(this, args);
        } catch (error) {
          cells.hostCall(name, errorTypeOf(error)).count++;
          throw error;
        }
        if (!isThenable(result)) return result;
        return watchSettlement(result, () => {}, (error) => void cells.hostCall(name, errorTypeOf(error)).count++);
      };
    });
  }

  private timed<T>(operation: ComponentOperation, fn: string | undefined, run: () => T, onSuccess: (() => void) | undefined): T {
    const start = now();
    let result: T;
    try {
      result = run();
    } catch (error) {
      this.record(operation, fn, start, error);
      throw error;
    }
    if (isThenable(result)) {
      return watchSettlement(
        result,
        () => {
          onSuccess?.();
          this.record(operation, fn, start, undefined);
        },
        (error) => this.record(operation, fn, start, error),
      ) as T;
    }
    onSuccess?.();
    this.record(operation, fn, start, undefined);
    return result;
  }

  private record(operation: ComponentOperation, fn: string | undefined, start: number, error: unknown): void {
    try {
      const attributes = this.cells.operation(operation, fn, error === undefined ? undefined : errorTypeOf(error));
      this.telemetry.duration().record((now() - start) / 1000, attributes);
    } catch (recordError) {
      reportFailure('recording a component operation', recordError);
    }
  }

  /** @internal */
  countReleaseOf(api: object): void {
    this.telemetry.released.register(api, this.cells);
  }
}

/**
 * Starts measuring a component: lifecycle durations and counts (`load`, `instantiate`, `invoke`,
 * `unload`), active components and host calls, all under `mcp_otel.component.name` = `name`.
 *
 * @example
 * ```ts
 * import { trackComponent } from '@mcp-otel/instrumentation';
 * import { readFile } from 'node:fs/promises';
 *
 * const calc = trackComponent('calc');
 * const bytes = await calc.load(() => readFile('calc.wasm'));
 * const host = calc.imports({ env: { log: (value: number) => console.error('calc', value) } }); // host calls counted
 * const { instance } = await calc.instantiate(() => WebAssembly.instantiate(bytes, host));
 * const api = calc.exports(instance.exports as { add(a: number, b: number): number });
 * api.add(2, 3); // mcp_otel.component.operation.duration{operation="invoke", function.name="add"}
 * calc.unload();
 * // A component transpiled by jco (`--instantiation async`): calc.load(() => import('./calc/calc.js')) gives its
 * // `instantiate`; then calc.instantiate(() => instantiate(getCoreModule, calc.imports(host))).
 * ```
 */
export function trackComponent(name: string, options: ComponentInstrumentationOptions = {}): ComponentTracker {
  const o = checkOptionsObject('trackComponent', options, false);
  checkKnownKeys('trackComponent', o, ['meterProvider']);
  const requested = checkName('trackComponent', 'name', name, true)!;
  const admitted = componentNames.admit(requested);
  if (admitted !== requested) warnOnce('trackComponent names', `trackComponent: more than ${MAX_COMPONENT_NAMES} component names; "${requested}" and later ones are recorded as ${admitted}`);
  const telemetry = componentTelemetry.for(checkMeterProvider('trackComponent', o['meterProvider']));
  // Registers the observers now: host calls and the active count are only read at collection.
  safeCall('creating the component instruments', () => telemetry.duration(), undefined, undefined, undefined);
  return new ComponentTracker(telemetry, telemetry.cells(admitted));
}

/**
 * One line for a component already instantiated: its exports with each call timed as `invoke`,
 * and the component counted as active until that exports object is garbage collected.
 *
 * @example
 * ```ts
 * import { instrumentComponent } from '@mcp-otel/instrumentation';
 * import { readFile } from 'node:fs/promises';
 *
 * const { instance } = await WebAssembly.instantiate(await readFile('calc.wasm'));
 * const calc = instrumentComponent(instance.exports as { add(a: number, b: number): number }, { name: 'calc' });
 * calc.add(2, 3); // timed as an invoke of "add"; calc counts as active until it is garbage collected
 * ```
 */
export function instrumentComponent<E extends object>(api: E, options: ComponentInstrumentationOptions & { name: string }): E {
  const o = checkOptionsObject('instrumentComponent', options, true);
  checkKnownKeys('instrumentComponent', o, ['name', 'meterProvider']);
  const tracker = trackComponent(checkName('instrumentComponent', 'name', o['name'], true)!, { meterProvider: options.meterProvider });
  const wrapped = tracker.instantiate(() => tracker.exports(api));
  tracker.countReleaseOf(wrapped);
  return wrapped;
}

type Wrap = (fn: AnyFunction, name: string) => AnyFunction;

/**
 * Wraps the functions of `target` and of its object members one level down (interfaces). In place
 * when the object can change; otherwise (frozen, a module namespace) on an object inheriting from
 * it, and the same for each interface object.
 */
function overlay<T extends object>(target: T, separator: string, wrap: Wrap, prefix = ''): T {
  const result = Object.isExtensible(target) && !Object.isFrozen(target) ? target : (Object.create(target) as T);
  for (const key of Object.keys(target)) {
    const replacement = wrapped((target as Record<string, unknown>)[key], key, separator, wrap, prefix, (v) => overlay(v, separator, wrap, key));
    if (replacement !== undefined) {
      Object.defineProperty(result, key, { value: replacement, writable: true, configurable: true, enumerable: Object.prototype.propertyIsEnumerable.call(target, key) });
    }
  }
  return result;
}

/** A plain copy of `target` (and of its object members) with the functions wrapped. */
function copyWrapped<T extends object>(target: T, separator: string, wrap: Wrap, prefix = ''): T {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(target)) {
    copy[key] = wrapped(value, key, separator, wrap, prefix, (v) => copyWrapped(v, separator, wrap, key)) ?? value;
  }
  return copy as T;
}

function wrapped(value: unknown, key: string, separator: string, wrap: Wrap, prefix: string, nest: (value: object) => object): unknown {
  if (typeof value === 'function') {
    const replacement = wrap(value as AnyFunction, prefix === '' ? key : `${prefix}${separator}${key}`);
    copyIdentity(replacement, value as AnyFunction);
    return replacement;
  }
  if (prefix === '' && typeof value === 'object' && value !== null) return nest(value);
  return undefined;
}
