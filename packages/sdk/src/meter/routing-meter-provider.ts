/**
 * # meter/: the one meter wrapper
 *
 * What the host records through. `getMeter` asks the plan about the meter (a dropped meter is the
 * API's no-op meter); every instrument the meter creates asks `route()` once, at creation: our
 * series (a `SeriesInstrument` over a storage of the pipeline's `StorageRegistry`) or OTel's
 * instrument (kept with a keep-probability when the meter samples histograms).
 */
import { createNoopMeter } from '@opentelemetry/api';
import type { Meter, MeterOptions, MeterProvider } from '@opentelemetry/api';
import type { StorageRegistry } from '../aggregate/storage-registry.js';
import type { Plan } from '../plan/plan.js';
import { RoutingMeter } from './routing-meter.js';

const NOOP_METER = createNoopMeter();

/** Meter names are code-defined and few; the bound only guards against a pathological caller. */
const MAX_METERS = 10_000;

/**
 * The MeterProvider of a pipeline: meters over the OTel SDK provider `sdk`, whose instruments go
 * where the plan routes them. After `close()` (the pipeline shut down) every new meter is a no-op.
 */
export class RoutingMeterProvider implements MeterProvider {
  private readonly meters = new Map<string, Meter>();
  private closed = false;

  constructor(
    private readonly sdk: MeterProvider,
    private readonly plan: Plan,
    private readonly registry: StorageRegistry,
  ) {}

  getMeter(name: string, version?: string, options?: MeterOptions): Meter {
    if (this.closed) return NOOP_METER;
    const meterPlan = this.plan.meter(name);
    if (meterPlan.kind === 'drop') return NOOP_METER;
    // The SDK's scope identity: version defaults to '' (sdk-metrics MeterProvider.getMeter).
    const scope = { name, version: version ?? '', schemaUrl: options?.schemaUrl };
    const key = `${name}\u0000${scope.version}\u0000${scope.schemaUrl ?? ''}`;
    let meter = this.meters.get(key);
    if (meter === undefined) {
      meter = new RoutingMeter(this.sdk.getMeter(name, version, options), scope, meterPlan, this.registry);
      if (this.meters.size < MAX_METERS) this.meters.set(key, meter);
    }
    return meter;
  }

  /**
   * Exports now through the SDK provider's readers, when it can: what a host or an instrumentation
   * looks for to save measurements before the process ends (e.g. the end of a stdio MCP session).
   * The OTel API's `MeterProvider` has no such method.
   */
  forceFlush(): Promise<void> {
    const sdk = this.sdk as { forceFlush?: () => Promise<void> };
    return typeof sdk.forceFlush === 'function' ? sdk.forceFlush() : Promise.resolve();
  }

  /** Every later `getMeter` returns the no-op meter (the SDK provider is shut down). */
  close(): void {
    this.closed = true;
  }
}
