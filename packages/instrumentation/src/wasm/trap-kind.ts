/** What a WebAssembly call ended with: a trap of some kind, or `undefined` for any other exception. */
export type TrapKind = 'unreachable' | 'memory_out_of_bounds' | 'stack_overflow' | 'integer_divide_by_zero' | 'other';

/**
 * Classifies an exception thrown out of a WebAssembly call. Traps are `WebAssembly.RuntimeError`s
 * whose messages differ by engine (V8 / Node and Chromium, SpiderMonkey, JavaScriptCore); a stack
 * overflow is a `RangeError` (V8, JSC) or an `InternalError` (SpiderMonkey), not a RuntimeError. Any
 * other exception (a JS import that threw) is not a trap. The error itself is never changed.
 */
export function trapKindOf(error: unknown, runtimeError: unknown): TrapKind | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const raw = (error as { message?: unknown }).message;
  const message = typeof raw === 'string' ? raw : '';
  const name = (error as { name?: unknown }).name;
  if ((name === 'RangeError' || name === 'InternalError') && /maximum call stack size exceeded|too much recursion/i.test(message)) return 'stack_overflow';
  const isRuntimeError = typeof runtimeError === 'function' ? error instanceof runtimeError : name === 'RuntimeError';
  if (!isRuntimeError) return undefined;
  if (/unreachable/i.test(message)) return 'unreachable';
  if (/divi(de|sion) by zero|remainder by zero/i.test(message)) return 'integer_divide_by_zero';
  if (/out of bounds/i.test(message) && !/table|call_indirect/i.test(message)) return 'memory_out_of_bounds';
  if (/stack/i.test(message)) return 'stack_overflow';
  return 'other';
}
