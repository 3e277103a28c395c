import type { Attributes, Counter, Gauge, Histogram, UpDownCounter } from '@opentelemetry/api';
import { ValueProblems, type ValueKind } from '../aggregate/value-problems.js';
import { KeptHandles } from './kept-handles.js';
import type { CounterHandle, FacadeAttributes, GaugeHandle, HistogramHandle, UpDownCounterHandle } from './handles.js';
import type { WarnOnce } from './warn-once.js';

/** An OTel instrument the facade records into directly. */
export type OtelInstrument = Counter | UpDownCounter | Gauge | Histogram;

type PlainHandle = PlainCounter | PlainUpDownCounter | PlainGauge | PlainHistogram;

/**
 * The handles of an instrument OTel aggregates: each calls the OTel instrument with its fixed,
 * frozen attributes (OTel's cost per recording), never letting a failure of it reach the host.
 */
export class PlainHandles<H> {
  readonly problems: ValueProblems;
  private readonly kept: KeptHandles<PlainHandle>;

  constructor(
    readonly kind: ValueKind,
    readonly instrument: OtelInstrument,
    readonly name: string,
    warnOnce: WarnOnce,
    maxHandles: number,
  ) {
    this.problems = new ValueProblems(kind, () => name);
    this.kept = new KeptHandles(kind, name, warnOnce, maxHandles, (attributes) => this.make(attributes));
  }

  handle(attributes: FacadeAttributes | undefined): H {
    return this.kept.handle(attributes) as H;
  }

  /** Runs one call of the OTel instrument; a provider's failure is warned once, never thrown into the host. */
  guard(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.problems.fail(error);
    }
  }

  private make(attributes: Readonly<Attributes>): PlainHandle {
    switch (this.kind) {
      case 'counter':
        return new PlainCounter(this, attributes);
      case 'upDownCounter':
        return new PlainUpDownCounter(this, attributes);
      case 'gauge':
        return new PlainGauge(this, attributes);
      default:
        return new PlainHistogram(this, attributes);
    }
  }
}

abstract class Plain {
  constructor(
    protected readonly owner: PlainHandles<unknown>,
    readonly attributes: Readonly<Attributes>,
  ) {}

  get name(): string {
    return this.owner.name;
  }
}

/** Counter handle: finite values >= 0. */
class PlainCounter extends Plain implements CounterHandle {
  increment(n = 1): void {
    if (typeof n === 'number' && n >= 0 && n !== Infinity) this.owner.guard(() => (this.owner.instrument as Counter).add(n, this.attributes));
    else this.owner.problems.reject(n);
  }

  add(n: number): void {
    this.increment(n);
  }
}

/** Up-down counter handle: any finite value. */
class PlainUpDownCounter extends Plain implements UpDownCounterHandle {
  add(n: number): void {
    if (typeof n === 'number' && Number.isFinite(n)) this.owner.guard(() => (this.owner.instrument as UpDownCounter).add(n, this.attributes));
    else this.owner.problems.reject(n);
  }

  increment(n = 1): void {
    this.add(n);
  }

  decrement(n = 1): void {
    this.add(typeof n === 'number' ? -n : n);
  }
}

/** Gauge handle: any finite value, last one wins. */
class PlainGauge extends Plain implements GaugeHandle {
  set(value: number): void {
    if (typeof value === 'number' && Number.isFinite(value)) this.owner.guard(() => (this.owner.instrument as Gauge).record(value, this.attributes));
    else this.owner.problems.reject(value);
  }
}

/** Histogram (and summary) handle: finite values >= 0. */
class PlainHistogram extends Plain implements HistogramHandle {
  record(value: number): void {
    if (typeof value === 'number' && value >= 0 && value !== Infinity) this.owner.guard(() => (this.owner.instrument as Histogram).record(value, this.attributes));
    else this.owner.problems.reject(value);
  }
}
