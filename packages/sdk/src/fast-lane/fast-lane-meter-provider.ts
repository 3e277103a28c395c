import { createNoopMeter } from '@opentelemetry/api';
import type { Meter, MeterOptions, MeterProvider } from '@opentelemetry/api';
import type { FastLane } from './fast-lane.js';
import { FastLaneMeter } from './fast-lane-meter.js';

/** The class of the API's no-op meter, which a shut-down SDK provider hands out. */
const NOOP_METER_CLASS = createNoopMeter().constructor;

/**
 * A MeterProvider whose meters' histograms take the fast lane (see {@link FastLane}). Meters whose
 * histograms the fast lane cannot reproduce (summary, disabled components) are the delegate's own,
 * unwrapped. Wrap it in `SamplingMeterProvider`, not the other way round: sampled measurements then
 * reach the fast lane, and the sampling collect transform scales the producers' output as well,
 * since it applies to everything a reader collects.
 *
 * @example
 * ```ts
 * const provider = new FastLaneMeterProvider(sdkProvider, fastLane); // or fastLane.wrap(sdkProvider)
 * metrics.setGlobalMeterProvider(provider);
 * ```
 */
export class FastLaneMeterProvider implements MeterProvider {
  private readonly meters = new Map<string, Meter>();

  constructor(
    readonly delegate: MeterProvider,
    private readonly fastLane: FastLane,
  ) {}

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
    if (meter.constructor === NOOP_METER_CLASS) return meter;
    const plan = this.fastLane.planMeter(name);
    if (plan.lane === 'otel') return meter;
    // The SDK's scope identity: version defaults to '' (sdk-metrics MeterProvider.getMeter).
    const key = `${name}\u0000${version ?? ''}\u0000${options?.schemaUrl ?? ''}`;
    let fast = this.meters.get(key);
    if (fast === undefined) {
      fast = new FastLaneMeter(meter, { name, version: version ?? '', schemaUrl: options?.schemaUrl }, plan, this.fastLane);
      // Meter names are code-defined and few; the bound only guards against a pathological caller.
      if (this.meters.size < 10_000) this.meters.set(key, fast);
    }
    return fast;
  }
}
