/** A transport callback (`onmessage`, `onclose`, `onerror`). */
export type Callback = (this: unknown, ...args: unknown[]) => unknown;

function findDescriptor(target: object, name: string): PropertyDescriptor | undefined {
  for (let o: object | null = target; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(o, name);
    if (descriptor !== undefined) return descriptor;
  }
  return undefined;
}

/**
 * Makes every function later assigned to `target[name]` go through `wrap` (values that are not
 * functions, and functions `isWrapped` recognizes, pass as they are). Transports take their
 * callbacks as assignable properties, and the SDKs assign them more than once: `connect()` before
 * `start()`, and the 2.x client again after its protocol-version probe, on the same started
 * transport. Forwards to an accessor the class defines (1.x `StreamableHTTPServerTransport` hands
 * its callbacks to an inner transport that way). Returns false when the property cannot be
 * redefined (a frozen object); the caller then wraps at `start()` only.
 */
export function interceptCallback(target: object, name: string, wrap: (fn: Callback) => Callback, isWrapped: (fn: unknown) => boolean): boolean {
  const descriptor = findDescriptor(target, name);
  if (Object.getOwnPropertyDescriptor(target, name)?.configurable === false || Object.isExtensible(target) === false) return false;
  const wrapValue = (value: unknown): unknown => (typeof value === 'function' && !isWrapped(value) ? wrap(value as Callback) : value);
  if (descriptor?.set !== undefined) {
    // Accessors are called with the transport as `this`, as the class defined them.
    const { get, set } = descriptor as { get?: (this: unknown) => unknown; set: (this: unknown, value: unknown) => void; enumerable?: boolean };
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: descriptor.enumerable ?? true,
      get(this: unknown): unknown {
        return get?.call(this);
      },
      set(this: unknown, value: unknown): void {
        set.call(this, wrapValue(value));
      },
    });
    return true;
  }
  if (descriptor !== undefined && descriptor.get !== undefined) return false;
  let current = wrapValue(descriptor?.value);
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (value: unknown) => {
      current = wrapValue(value);
    },
  });
  return true;
}
