import type { Attributes, Context, Counter, UpDownCounter } from '@opentelemetry/api';
import type { FastSumStorage } from './fast-sum-storage.js';

/** Storage factories of OTel counters created by fast-lane meters (see {@link fastSumStorageOf}). */
const links = new WeakMap<object, () => FastSumStorage | undefined>();

/** Links an OTel counter or up-down counter to the fast-lane storage that may take its series. */
export function linkFastSum(instrument: object, storage: () => FastSumStorage | undefined): void {
  let memo: { storage: FastSumStorage | undefined } | undefined;
  links.set(instrument, () => (memo ??= { storage: storage() }).storage);
}

/**
 * The fast-lane storage behind a counter or up-down counter a fast-lane meter created (also
 * through a wrapping meter that returns the delegate's counter, as sampling does); `undefined`
 * for any other instrument, or when the fast lane cannot reproduce its aggregation. Only the
 * facade uses it: its cells then hold the series, and the OTel instrument stays empty.
 */
export function fastSumStorageOf(instrument: unknown): FastSumStorage | undefined {
  if (typeof instrument !== 'object' || instrument === null) return undefined;
  return links.get(instrument)?.();
}

/**
 * A counter (or up-down counter) writing straight into a fast sum storage, by attribute set: for
 * facade handles past the cell bound, so their series join the same stream. Values are validated
 * by the caller (the facade); it hashes the attributes on every call, as OTel does.
 */
export class FastSumInstrument<A extends Attributes = Attributes> implements Counter<A>, UpDownCounter<A> {
  constructor(readonly storage: FastSumStorage) {}

  add(value: number, attributes?: A, _context?: Context): void {
    this.storage.add(value, attributes ?? {});
  }
}
