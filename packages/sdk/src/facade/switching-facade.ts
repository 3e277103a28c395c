import type { MeterProvider } from '@opentelemetry/api';
import { EMPTY_ATTRIBUTES } from '../aggregate/series-key.js';
import type { ValueKind } from '../aggregate/value-problems.js';
import { APP_METER_NAME } from '../plan/meter-names.js';
import { KeptHandles } from './kept-handles.js';
import { FacadeInstruments, InstrumentTable, type HandleSource, type InstrumentHandles } from './facade-instruments.js';
import type { CounterHandle, FacadeAttributes, GaugeHandle, HistogramHandle, HistogramOptions, UpDownCounterHandle } from './handles.js';
import { facadeOver, type MetricsFacade } from './metrics-facade.js';
import type { ProviderSource } from './provider-registry.js';
import { WarnOnce } from './warn-once.js';

/** Every handle method; a forwarding handle only calls those of its own kind. */
type AnyHandle = CounterHandle & UpDownCounterHandle & GaugeHandle & HistogramHandle;

const NOOP_HANDLE: AnyHandle = Object.freeze({
  name: '',
  attributes: EMPTY_ATTRIBUTES,
  increment: () => undefined,
  add: () => undefined,
  decrement: () => undefined,
  set: () => undefined,
  record: () => undefined,
});

const LIMIT = 1000;

/**
 * A facade whose handles follow a changing provider (the module-level `metrics`). Each handle
 * forwards to the handle of the same instrument and attributes on the current provider's facade
 * (one per provider, so a provider set again continues its own series), looked up again after
 * each change: values stay with the provider they were recorded under. Before any provider, and
 * after `setFacadeProvider(undefined)`, recordings are dropped.
 */
export function createSwitchingFacade(source: ProviderSource): MetricsFacade {
  const warnOnce = new WarnOnce();
  return facadeOver(new SwitchingInstruments(source, warnOnce), warnOnce);
}

class SwitchingInstruments implements HandleSource {
  private readonly table: InstrumentTable<ForwardingHandles>;
  private readonly byProvider = new WeakMap<MeterProvider, FacadeInstruments>();

  constructor(
    readonly source: ProviderSource,
    readonly warnOnce: WarnOnce,
  ) {
    this.table = new InstrumentTable(LIMIT, warnOnce);
  }

  counter(name: string, options?: HistogramOptions): ForwardingHandles {
    return this.entry('counter', name, options);
  }

  upDownCounter(name: string, options?: HistogramOptions): ForwardingHandles {
    return this.entry('upDownCounter', name, options);
  }

  gauge(name: string, options?: HistogramOptions): ForwardingHandles {
    return this.entry('gauge', name, options);
  }

  histogram(name: string, options?: HistogramOptions, defaultUnit?: string): ForwardingHandles {
    return this.entry('histogram', name, options, defaultUnit);
  }

  summary(name: string, options?: HistogramOptions): ForwardingHandles {
    return this.entry('summary', name, options);
  }

  /** The instruments of `provider`'s facade, made on first use. */
  instrumentsOf(provider: MeterProvider): FacadeInstruments {
    let instruments = this.byProvider.get(provider);
    if (instruments === undefined) {
      instruments = new FacadeInstruments(provider, this.warnOnce, { meterName: APP_METER_NAME, maxHandlesPerInstrument: LIMIT, maxInstrumentsPerKind: LIMIT });
      this.byProvider.set(provider, instruments);
    }
    return instruments;
  }

  private entry(kind: ValueKind, name: string, options: HistogramOptions | undefined, defaultUnit?: string): ForwardingHandles {
    return this.table[kind].get(name) ?? this.table.keep(kind, name, new ForwardingHandles(this, kind, name, options, defaultUnit));
  }
}

/** The forwarding handles of one (kind, name), kept by attribute set (bounded like the rest). */
class ForwardingHandles implements InstrumentHandles<AnyHandle> {
  private readonly kept: KeptHandles<ForwardingHandle>;

  constructor(
    readonly owner: SwitchingInstruments,
    private readonly kind: ValueKind,
    readonly name: string,
    private readonly options: HistogramOptions | undefined,
    private readonly defaultUnit: string | undefined,
  ) {
    this.kept = new KeptHandles(kind, String(name), owner.warnOnce, LIMIT, (attributes) => new ForwardingHandle(this, attributes));
  }

  handle(attributes: FacadeAttributes | undefined): AnyHandle {
    return this.kept.handle(attributes);
  }

  /** The handle of `attributes` on the current provider's facade; a no-op one while there is none. */
  target(attributes: FacadeAttributes): AnyHandle {
    const provider = this.owner.source.provider;
    if (provider === undefined) return NOOP_HANDLE;
    const instruments = this.owner.instrumentsOf(provider);
    const { name, options } = this;
    const entry =
      this.kind === 'histogram' ? instruments.histogram(name, options, this.defaultUnit)
      : this.kind === 'summary' ? instruments.summary(name, options)
      : this.kind === 'gauge' ? instruments.gauge(name, options)
      : this.kind === 'upDownCounter' ? instruments.upDownCounter(name, options)
      : instruments.counter(name, options);
    return entry.handle(attributes) as AnyHandle;
  }
}

/** A handle that records into the handle of the current provider, found again after each change. */
class ForwardingHandle implements AnyHandle {
  private epoch = -1;
  private current: AnyHandle = NOOP_HANDLE;

  constructor(
    private readonly owner: ForwardingHandles,
    readonly attributes: Readonly<FacadeAttributes>,
  ) {}

  get name(): string {
    return this.owner.name;
  }

  increment(n?: number): void {
    this.target().increment(n);
  }

  add(n: number): void {
    this.target().add(n);
  }

  decrement(n?: number): void {
    this.target().decrement(n);
  }

  set(value: number): void {
    this.target().set(value);
  }

  record(value: number): void {
    this.target().record(value);
  }

  private target(): AnyHandle {
    const epoch = this.owner.owner.source.epoch;
    if (epoch !== this.epoch) {
      this.current = this.owner.target(this.attributes);
      this.epoch = epoch;
    }
    return this.current;
  }
}
