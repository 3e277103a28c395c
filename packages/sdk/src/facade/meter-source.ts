import type { Meter, MeterProvider } from '@opentelemetry/api';

/**
 * Where a facade gets its meters. `epoch` changes whenever the meters change (a new provider), so
 * a handle revalidates its instrument with one integer compare per call and rebinds lazily.
 */
export interface MeterSource {
  /** Bumped on every provider change. */
  readonly epoch: number;
  /** The meter of scope `name`, or `undefined` while there is no provider (records are dropped). */
  meter(name: string): Meter | undefined;
  /**
   * Calls `listener` right after every epoch change (before any recording under the new epoch),
   * for as long as the source lives. A source whose epoch can change must offer it: cell-backed
   * handles flush what they hold into the previous provider there.
   */
  onEpochChange?(listener: () => void): void;
}

/** A source over one fixed provider: its epoch never changes. */
export function fixedMeterSource(provider: MeterProvider): MeterSource {
  const meters = new Map<string, Meter>();
  return {
    epoch: 0,
    meter(name) {
      let meter = meters.get(name);
      if (meter === undefined) {
        meter = provider.getMeter(name);
        meters.set(name, meter);
      }
      return meter;
    },
  };
}
