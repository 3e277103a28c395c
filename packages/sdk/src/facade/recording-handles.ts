import type { Attributes, Counter, Gauge, Histogram, UpDownCounter } from '@opentelemetry/api';
import type { InstrumentSlot } from './instrument-slot.js';
import type {
  CounterHandle,
  GaugeHandle,
  HistogramHandle,
  SummaryHandle,
  UpDownCounterHandle,
} from './metrics-facade.js';

/**
 * The shared part of every handle: fixed frozen attributes and the instrument of the epoch it last
 * saw. Each call costs one integer compare before the OTel call; a provider change rebinds lazily.
 */
abstract class BoundHandle<I> {
  private epoch = -1;
  private instrument: I;

  constructor(
    protected readonly slot: InstrumentSlot<I, unknown>,
    readonly attributes: Readonly<Attributes>,
  ) {
    this.instrument = slot.spec.noop;
  }

  get name(): string {
    return this.slot.spec.name;
  }

  protected bound(): I {
    if (this.epoch !== this.slot.source.epoch) {
      this.instrument = this.slot.current();
      this.epoch = this.slot.source.epoch;
    }
    return this.instrument;
  }
}

/** Counter handle: finite values >= 0. */
export class CounterHandleImpl extends BoundHandle<Counter> implements CounterHandle {
  increment(n = 1): void {
    if (typeof n === 'number' && n >= 0 && n !== Infinity) this.bound().add(n, this.attributes);
    else this.slot.reject(n);
  }

  add(n: number): void {
    this.increment(n);
  }
}

/** Up-down counter handle: any finite value. */
export class UpDownCounterHandleImpl extends BoundHandle<UpDownCounter> implements UpDownCounterHandle {
  add(n: number): void {
    if (typeof n === 'number' && Number.isFinite(n)) this.bound().add(n, this.attributes);
    else this.slot.reject(n);
  }

  increment(n = 1): void {
    this.add(n);
  }

  decrement(n = 1): void {
    this.add(typeof n === 'number' ? -n : n);
  }
}

/** Gauge handle: any finite value, last one wins. */
export class GaugeHandleImpl extends BoundHandle<Gauge> implements GaugeHandle {
  set(value: number): void {
    if (typeof value === 'number' && Number.isFinite(value)) this.bound().record(value, this.attributes);
    else this.slot.reject(value);
  }
}

/** Histogram (and summary) handle: finite values >= 0. */
export class HistogramHandleImpl extends BoundHandle<Histogram> implements HistogramHandle, SummaryHandle {
  record(value: number): void {
    if (typeof value === 'number' && value >= 0 && value !== Infinity) this.bound().record(value, this.attributes);
    else this.slot.reject(value);
  }
}
