import type { MeterProvider } from '@opentelemetry/api';
import type { MeterSource } from './meter-source.js';

/** The provider the module-level `metrics` facade records into. */
let current: MeterProvider | undefined;

/** Called after each provider change (the module-level facade flushes its cells there). */
const listeners: Array<() => void> = [];

/** The source behind `metrics`: its epoch bumps whenever `setFacadeProvider` changes the provider. */
export const facadeMeterSource: MeterSource & { epoch: number } = {
  epoch: 0,
  meter(name) {
    return current?.getMeter(name);
  },
  onEpochChange(listener) {
    listeners.push(listener);
  },
};

/**
 * Points the module-level `metrics` facade at `provider` (`undefined`: back to no-op). Handles
 * created before, even before any provider existed, record into the new provider from their next
 * call; counter, up-down counter and gauge values recorded until now are written into the previous
 * provider first (values recorded while there was none are dropped). `startMetrics` calls this;
 * call it yourself only when you build your own MeterProvider.
 *
 * @example
 * ```ts
 * setFacadeProvider(meterProvider);
 * // ... later, on shutdown, only if it is still ours:
 * if (getFacadeProvider() === meterProvider) setFacadeProvider(undefined);
 * ```
 */
export function setFacadeProvider(provider: MeterProvider | undefined): void {
  if (provider === current) return;
  current = provider;
  facadeMeterSource.epoch++;
  for (const listener of listeners) {
    try {
      listener();
    } catch {
      // Listeners guard themselves; this only keeps setFacadeProvider from ever throwing.
    }
  }
}

/** The provider behind the module-level `metrics` facade, if any. */
export function getFacadeProvider(): MeterProvider | undefined {
  return current;
}
