import type { MeterProvider } from '@opentelemetry/api';

/** A provider that may change, with a version bumped on every change. */
export interface ProviderSource {
  readonly epoch: number;
  readonly provider: MeterProvider | undefined;
}

/** The provider the module-level `metrics` facade records into. */
const facadeSource: { epoch: number; provider: MeterProvider | undefined } = { epoch: 0, provider: undefined };

/** What the module-level facade follows. */
export const facadeProviderSource: ProviderSource = facadeSource;

/**
 * Points the module-level `metrics` facade at `provider` (`undefined`: back to no-op). Handles
 * created before, even before any provider existed, record into the new provider from their next
 * call; values recorded until now stay with the provider they were recorded under (values recorded
 * while there was none are dropped). `startMetrics` calls this.
 */
export function setFacadeProvider(provider: MeterProvider | undefined): void {
  if (provider === facadeSource.provider) return;
  facadeSource.provider = provider;
  facadeSource.epoch++;
}

/** The provider behind the module-level `metrics` facade, if any. */
export function getFacadeProvider(): MeterProvider | undefined {
  return facadeSource.provider;
}
