import type { MeterProvider } from '@opentelemetry/api';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { SamplingMeterProvider } from '../sampling/sampling-meter-provider.js';
import { samplingRateLookup } from '../sampling/sampling-rate-lookup.js';
import type { CollectTransform } from '../transform/collect-transform.js';

/** The provider the host sees, and the collect-time transform that undoes sampling in exports. */
export interface Sampling {
  provider: MeterProvider;
  /** Scales sampled histograms by 1 / rate; `undefined` when nothing is sampled. */
  transform: CollectTransform | undefined;
}

/**
 * Wraps the SDK provider in a `SamplingMeterProvider` only when some rate is below 1, so the
 * common unsampled configuration pays nothing on the recording path.
 */
export function createSampling(sdkProvider: MeterProvider, config: ResolvedConfig): Sampling {
  const rates = [config.samplingRate, ...Object.values(config.components).map((component) => component.samplingRate)];
  if (rates.every((rate) => rate >= 1)) return { provider: sdkProvider, transform: undefined };
  const sampling = new SamplingMeterProvider(sdkProvider, samplingRateLookup(config));
  return { provider: sampling, transform: sampling.collectTransform() };
}
