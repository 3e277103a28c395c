/**
 * Counts process-wide side effects while a probe is active: async hooks created, AsyncLocalStorage
 * contexts entered, timers scheduled (setTimeout / setInterval / setImmediate through the globals),
 * and whether a global OTel context manager got registered. An instrumentation that needs any of
 * these slows down unrelated code in the same process, which the target forbids.
 *
 * Only for the bench: it patches globals while active and restores them in `stop()`.
 */
import asyncHooks from 'node:async_hooks';

export interface SideEffectCounts {
  asyncHooksCreated: number;
  asyncLocalStorageEntered: number;
  timersScheduled: number;
  /** A context manager is registered in the OTel API's global registry (`@opentelemetry/api` 1.x). */
  contextManagerRegistered: boolean;
}

export interface SideEffectProbe {
  read(): SideEffectCounts;
  stop(): void;
}

type AnyFn = (...args: unknown[]) => unknown;

/** The OTel API keeps its globals under this symbol; `context` is set once a context manager is. */
const OTEL_API_GLOBAL = Symbol.for('opentelemetry.js.api.1');

export function startSideEffectProbe(): SideEffectProbe {
  const counts = { asyncHooksCreated: 0, asyncLocalStorageEntered: 0, timersScheduled: 0 };
  const restores: (() => void)[] = [];

  function wrap(target: object, key: string, count: () => void): void {
    const holder = target as Record<string, AnyFn>;
    const original = holder[key]!;
    holder[key] = function (this: unknown, ...args: unknown[]) {
      count();
      return original.apply(this, args);
    };
    restores.push(() => {
      holder[key] = original;
    });
  }

  wrap(asyncHooks, 'createHook', () => counts.asyncHooksCreated++);
  wrap(asyncHooks.AsyncLocalStorage.prototype, 'run', () => counts.asyncLocalStorageEntered++);
  wrap(asyncHooks.AsyncLocalStorage.prototype, 'enterWith', () => counts.asyncLocalStorageEntered++);
  for (const timer of ['setTimeout', 'setInterval', 'setImmediate']) wrap(globalThis, timer, () => counts.timersScheduled++);

  return {
    read: () => ({
      ...counts,
      contextManagerRegistered: (globalThis as Record<symbol, { context?: unknown } | undefined>)[OTEL_API_GLOBAL]?.context !== undefined,
    }),
    stop: () => {
      for (const restore of restores.reverse()) restore();
    },
  };
}
