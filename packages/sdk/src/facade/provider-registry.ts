import type { MeterProvider } from '@opentelemetry/api';
import type { MeterSource } from './meter-source.js';

/** The provider the module-level `metrics` facade records into. */
let current: MeterProvider | undefined;

/** The source behind `metrics`: its epoch bumps whenever `setFacadeProvider` changes the provider. */
export const facadeMeterSource: MeterSource & { epoch: number } = {
  epoch: 0,
  meter(name) {
    return current?.getMeter(name);
  },
};

/**
 * Points the module-level `metrics` facade at `provider` (`undefined`: back to no-op). Handles
 * created before, even before any provider existed, record into the new provider from their next
 * call. `startMetrics` calls this; call it yourself only when you build your own MeterProvider.
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
}

/** The provider behind the module-level `metrics` facade, if any. */
export function getFacadeProvider(): MeterProvider | undefined {
  return current;
}
