import type { Attributes, Context, Counter, Gauge, Histogram, UpDownCounter } from '@opentelemetry/api';
import type { Series, Storage } from './storage.js';

/**
 * The OTel API instrument our meter hands out for an instrument the plan routes to our series:
 * `add` / `record` find the series of the attributes (storage.seriesFor) and record into it. Values
 * are checked as the facade checks them (dropped with one warning per problem: non-numbers, NaN,
 * infinities, negatives where the kind forbids them); fractional values of a `ValueType.INT`
 * instrument are truncated, as OTel does. It never throws into the host.
 */
export class SeriesInstrument<A extends Attributes = Attributes> implements Counter<A>, UpDownCounter<A>, Gauge<A>, Histogram<A> {
  constructor(readonly storage: Storage<Series>) {}

  add(value: number, attributes?: A, _context?: Context): void {
    this.measure(value, attributes);
  }

  record(value: number, attributes?: A, _context?: Context): void {
    this.measure(value, attributes);
  }

  private measure(value: number, attributes: A | undefined): void {
    const storage = this.storage;
    try {
      // NaN is left to the series, which names it; an infinity truncates to itself and is dropped.
      if (storage.integer && typeof value === 'number' && !Number.isInteger(value) && !Number.isNaN(value)) {
        value = storage.problems.truncate(value);
        if (!Number.isInteger(value)) return;
      }
      storage.seriesFor(attributes).measure(value);
    } catch (error) {
      storage.problems.fail(error);
    }
  }
}
