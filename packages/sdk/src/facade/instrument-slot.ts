import type { Attributes, Meter } from '@opentelemetry/api';
import { EMPTY_ATTRIBUTES, sanitizeAttributes } from './attribute-set.js';
import { HandleCache } from './handle-cache.js';
import type { MeterSource } from './meter-source.js';
import { describeValue, type WarnOnce } from './warn-once.js';

/** The instrument kinds of the facade. */
export type InstrumentKind = 'counter' | 'upDownCounter' | 'gauge' | 'histogram' | 'summary';

/** Which values a kind accepts. */
export type ValueRule = 'nonNegative' | 'finite';

/** Creates the OTel instrument of one slot on a meter. */
export type CreateInstrument<I> = (meter: Meter, name: string) => I;

/** Problems warned once per slot (bit flags, so the bad-value path allocates nothing). */
const NOT_A_NUMBER = 1;
const NAN = 2;
const INFINITE = 4;
const NEGATIVE = 8;

/** Static description of a slot, fixed at creation. */
export interface SlotSpec<I, H> {
  kind: InstrumentKind;
  name: string;
  meterName: string;
  rule: ValueRule;
  /** `false` for an invalid name: the slot never creates an instrument. */
  valid: boolean;
  create: CreateInstrument<I>;
  noop: I;
  makeHandle(slot: InstrumentSlot<I, H>, attributes: Readonly<Attributes>): H;
}

/**
 * One facade instrument, i.e. one (kind, name): the OTel instrument of the current provider epoch
 * and a bounded cache of handles by attribute set.
 */
export class InstrumentSlot<I, H> {
  private instrument: I;
  private epoch = -1;
  private warned = 0;
  private readonly handles: HandleCache<H>;

  constructor(
    readonly spec: SlotSpec<I, H>,
    readonly source: MeterSource,
    private readonly warnOnce: WarnOnce,
    private readonly maxHandles: number,
  ) {
    this.instrument = spec.noop;
    this.handles = new HandleCache<H>(maxHandles);
  }

  /** The instrument for the source's current epoch, created on first use after each change. */
  current(): I {
    const epoch = this.source.epoch;
    if (epoch === this.epoch) return this.instrument;
    this.epoch = epoch;
    this.instrument = this.spec.noop;
    if (!this.spec.valid) return this.instrument;
    try {
      const meter = this.source.meter(this.spec.meterName);
      if (meter !== undefined) this.instrument = this.spec.create(meter, this.spec.name);
    } catch (error) {
      this.warnOnce.warn(`${this.spec.kind}\u0000${this.spec.name}\u0000create`, () =>
        `mcp-otel: could not create ${this.spec.kind} "${this.spec.name}" (${String(error)}); its values are dropped.`,
      );
    }
    return this.instrument;
  }

  /** The handle for `attributes`, cached (up to the bound) by attribute set. */
  handle(attributes: Attributes | undefined): H {
    const cached = this.handles.get(attributes);
    if (cached !== undefined) return cached;
    const clean =
      attributes === undefined || attributes === null
        ? EMPTY_ATTRIBUTES
        : sanitizeAttributes(attributes, this.spec.name, this.warnOnce);
    const handle = this.spec.makeHandle(this, clean);
    if (!this.handles.set(attributes, handle)) {
      this.warnOnce.warn(`${this.spec.kind}\u0000${this.spec.name}\u0000full`, () =>
        `mcp-otel: ${this.spec.kind} "${this.spec.name}" has more than ${this.maxHandles} attribute sets; ` +
          'further handles are not cached (values are still recorded). Keep the handle you get, or use fewer distinct attribute values.',
      );
    }
    return handle;
  }

  /** Drops a bad value: warns once per problem for this slot. Never throws. */
  reject(value: unknown): void {
    const problem =
      typeof value !== 'number' ? NOT_A_NUMBER : Number.isNaN(value) ? NAN : !Number.isFinite(value) ? INFINITE : NEGATIVE;
    if ((this.warned & problem) !== 0) return;
    this.warned |= problem;
    const fix =
      this.spec.rule === 'finite'
        ? 'Pass a finite number.'
        : this.spec.kind === 'counter'
          ? 'Pass a finite number >= 0 (use an upDownCounter for values that go down).'
          : 'Record a finite number >= 0.';
    this.warnOnce.warn(`${this.spec.kind}\u0000${this.spec.name}\u0000value${problem}`, () =>
      `mcp-otel: ${this.spec.kind} "${this.spec.name}" got ${describeValue(value)}; the value was dropped ` +
        `(values recorded before are kept). ${fix}`,
    );
  }
}
