import type { FacadeAttributes } from './handles.js';
import type { WarnOnce } from './warn-once.js';

/**
 * The handle of `attributes`, never throwing into the host: an attribute set that is not an object
 * or cannot be read (getters or proxy traps that throw) is dropped with one warning per metric, and
 * the measurement still counts, without attributes. A `typeof` and a `try` cost nothing on the
 * normal path.
 */
export function safeHandle<H>(
  handles: { handle(attributes: FacadeAttributes | undefined): H },
  attributes: FacadeAttributes | undefined,
  name: string,
  warnOnce: WarnOnce,
): H {
  if (typeof attributes !== 'object' || Array.isArray(attributes)) {
    // A string would be read as one attribute per character (a 100 KB string: 100k attributes).
    if (attributes !== undefined) warnOnce.warn(`${String(name)}\u0000not-an-object`, () => `mcp-otel: metric "${String(name)}": its attributes are ${Array.isArray(attributes) ? 'an array' : typeof attributes}, not an object; they were dropped.`);
    return handles.handle(undefined);
  }
  try {
    return handles.handle(attributes);
  } catch (error) {
    warnOnce.warn(`${String(name)}\u0000unreadable`, () =>
      `mcp-otel: metric "${String(name)}": its attributes could not be read (${describeError(error)}); they were dropped. Pass a plain object of attribute values.`,
    );
    return handles.handle(undefined);
  }
}

/** The message of a thrown value, without trusting it (its getters and `toString` may throw too). */
function describeError(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  } catch {
    return 'an error';
  }
}
