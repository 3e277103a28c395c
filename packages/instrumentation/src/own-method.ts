/**
 * Helpers for wrappers that replace an object's methods in place. A replacement is an own,
 * non-enumerable, writable and configurable property with the original's `name` and `length`, so
 * `Object.keys`, `JSON.stringify`, spreading and deep-equality checks see the object as before.
 */

/** Any function, as the originals being wrapped are. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFunction = (this: any, ...args: any[]) => unknown;

/** Defines `wrapper` as the own method `key` of `target`, named and sized like `original`. */
export function defineOwnMethod(target: object, key: PropertyKey, wrapper: AnyFunction, original: AnyFunction): void {
  copyIdentity(wrapper, original);
  Object.defineProperty(target, key, { value: wrapper, writable: true, configurable: true, enumerable: false });
}

/** Gives `wrapper` the `name` and `length` of `original` (both configurable on functions). */
export function copyIdentity(wrapper: AnyFunction, original: AnyFunction): void {
  try {
    Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
    Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  } catch {
    // A frozen wrapper keeps its own name; nothing else depends on it.
  }
}

/** The method `key` of `target` (own or inherited) when it is a function. */
export function methodOf(target: object, key: PropertyKey): AnyFunction | undefined {
  const value = (target as Record<PropertyKey, unknown>)[key];
  return typeof value === 'function' ? (value as AnyFunction) : undefined;
}

/** A thenable result: the wrapper watches it instead of the call. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Watches a promise the host will get back. A native promise is handed back as a promise derived
 * from it (same value, same rejection reason, one microtask later): attaching a side handler would
 * mark the original as handled and hide a rejection the host leaves unhandled (which, in Node,
 * ends the process). Another thenable is watched on the side and returned as it is.
 */
export function watchSettlement<T>(result: PromiseLike<T>, onValue: (value: T) => void, onError: (error: unknown) => void): PromiseLike<T> {
  if (result instanceof Promise || Object.prototype.toString.call(result) === '[object Promise]') {
    return (result as Promise<T>).then(
      (value) => {
        onValue(value);
        return value;
      },
      (error: unknown) => {
        onError(error);
        throw error;
      },
    );
  }
  result.then(onValue, onError);
  return result;
}
