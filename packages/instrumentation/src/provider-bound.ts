import { createNoopMeter, metrics } from '@opentelemetry/api';
import type { Meter, MeterProvider } from '@opentelemetry/api';
import { reportFailure } from './safe.js';
import { VERSION } from './version.js';

/**
 * Instruments built for the current MeterProvider. The OTel API has no proxy meter provider, so
 * instruments taken from the global provider before the SDK starts would stay no-ops forever; instead
 * the provider identity is compared at each use (a few ns) and the instruments rebuilt when it changed.
 * An injected provider is used as is.
 */
export class ProviderBound<T> {
  private provider: MeterProvider | undefined;
  private value: T | undefined;

  constructor(
    private readonly injected: MeterProvider | undefined,
    private readonly meterName: string,
    private readonly build: (meter: Meter) => T,
    private readonly release?: (value: T) => void,
  ) {}

  /** The instruments for the provider in effect now. */
  get(): T {
    const provider = this.injected ?? metrics.getMeterProvider();
    if (provider !== this.provider || this.value === undefined) this.rebuild(provider);
    return this.value as T;
  }

  private rebuild(provider: MeterProvider): void {
    const previous = this.value;
    this.provider = provider;
    try {
      this.value = this.build(provider.getMeter(this.meterName, VERSION));
    } catch (error) {
      // A failing provider must not break the host: measure into a no-op meter until it changes.
      reportFailure(`creating instruments on meter ${this.meterName}`, error);
      this.value = this.build(createNoopMeter());
    }
    if (previous !== undefined && this.release !== undefined) {
      try {
        this.release(previous);
      } catch (error) {
        reportFailure(`releasing instruments of meter ${this.meterName}`, error);
      }
    }
  }
}

/** One shared value per injected provider, and one for the global provider. */
export class PerProvider<T> {
  private readonly byProvider = new WeakMap<MeterProvider, T>();
  private globalValue: T | undefined;

  constructor(private readonly create: (injected: MeterProvider | undefined) => T) {}

  for(injected: MeterProvider | undefined): T {
    if (injected === undefined) return (this.globalValue ??= this.create(undefined));
    let value = this.byProvider.get(injected);
    if (value === undefined) {
      value = this.create(injected);
      this.byProvider.set(injected, value);
    }
    return value;
  }
}
