import type { Meter, MeterOptions, MeterProvider } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { scaleSampledHistograms } from '../transform/scale-sampled-histograms.js';
import { Mulberry32, type Prng } from './prng.js';
import type { ScopeRateLookup } from './sampling-rate-lookup.js';
import { SamplingMeter } from './sampling-meter.js';

/** Options of `SamplingMeterProvider`. */
export interface SamplingMeterProviderOptions {
  /** Seed of the sampling PRNG (tests pass one to be deterministic). @default a random seed */
  seed?: number;
}

/**
 * A MeterProvider that samples histograms. `getMeter` returns the delegate's own meter when the
 * scope's rate is 1 (zero overhead), else a meter whose `createHistogram` keeps each measurement
 * with probability `rate`; counters, up-down counters and gauges are never sampled. Pair it with
 * `collectTransform()` on every reader so exported histograms are scaled back by 1 / rate.
 *
 * @example
 * ```ts
 * const sampling = new SamplingMeterProvider(sdkProvider, samplingRateLookup(config));
 * for (const reader of readers) applyCollectTransforms(reader, [sampling.collectTransform()]);
 * metrics.setGlobalMeterProvider(sampling);
 * ```
 */
export class SamplingMeterProvider implements MeterProvider {
  private readonly prng: Prng;
  private readonly meters = new Map<string, Meter>();
  /** Rate of each histogram created sampled, by scope name and lower-cased instrument name. */
  private readonly sampled = new Map<string, number>();

  constructor(
    readonly delegate: MeterProvider,
    private readonly rateOfScope: ScopeRateLookup,
    options?: SamplingMeterProviderOptions,
  ) {
    this.prng = new Mulberry32(options?.seed);
  }

  /**
   * Exports now through the delegate (the SDK's `MeterProvider`), when it can: what a host or an
   * instrumentation looks for to save measurements before the process ends (e.g. the end of a stdio
   * MCP session). The OTel API's `MeterProvider` has no such method.
   */
  forceFlush(): Promise<void> {
    const delegate = this.delegate as { forceFlush?: () => Promise<void> };
    return typeof delegate.forceFlush === 'function' ? delegate.forceFlush() : Promise.resolve();
  }

  getMeter(name: string, version?: string, options?: MeterOptions): Meter {
    const meter = this.delegate.getMeter(name, version, options);
    const rate = this.rateOfScope(name);
    if (!(rate < 1)) return meter;
    const key = `${name}\u0000${version ?? ''}\u0000${options?.schemaUrl ?? ''}`;
    let sampling = this.meters.get(key);
    if (sampling === undefined) {
      sampling = new SamplingMeter(meter, rate, this.prng, (instrument) =>
        this.sampled.set(sampledKey(name, instrument), rate),
      );
      this.meters.set(key, sampling);
    }
    return sampling;
  }

  /** The rate histogram `metricName` of `scope` was sampled at; 1 when it was not sampled. */
  sampledRate(scope: InstrumentationScope, metricName: string): number {
    return this.sampled.get(sampledKey(scope.name, metricName)) ?? 1;
  }

  /** The collect-time transform that scales this provider's sampled histograms by 1 / rate. */
  collectTransform(): (resourceMetrics: ResourceMetrics) => ResourceMetrics {
    return (resourceMetrics) => scaleSampledHistograms(resourceMetrics, (scope, name) => this.sampledRate(scope, name));
  }
}

/** OTel instrument names are case-insensitive. */
function sampledKey(scopeName: string, instrumentName: string): string {
  return `${scopeName}\u0000${instrumentName.toLowerCase()}`;
}
