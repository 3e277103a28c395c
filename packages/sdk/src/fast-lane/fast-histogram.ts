import { diag, ValueType } from '@opentelemetry/api';
import type { Attributes, Context, Histogram } from '@opentelemetry/api';
import type { FastHistogramStorage } from './fast-histogram-storage.js';

/** Warnings already given, per metric and kind: each problem is reported once, then dropped quietly. */
const warned = new Set<string>();

function warnOnce(key: string, message: string, error?: unknown): void {
  if (warned.has(key)) return;
  warned.add(key);
  try {
    if (error === undefined) diag.warn(message);
    else diag.warn(message, error);
  } catch {
    // A throwing diag logger must not reach the host.
  }
}

/** Test hook: forget which warnings were given. */
export function resetFastHistogramWarnings(): void {
  warned.clear();
}

/**
 * The histogram a fast-lane meter hands out. `record` validates the value as OTel's
 * `HistogramInstrument` does (non-numbers and negative values dropped; NaN dropped too, where OTel
 * would open an empty series; `ValueType.INT` values truncated), then aggregates in place: no
 * attribute hashing for an attribute object seen before, no clock read, no per-reader work. It
 * never throws: a failure is reported once through `diag` and the measurement dropped.
 */
export class FastHistogram<A extends Attributes = Attributes> implements Histogram<A> {
  private readonly integer: boolean;

  constructor(private readonly storage: FastHistogramStorage) {
    this.integer = storage.descriptor.valueType === ValueType.INT;
  }

  record(value: number, attributes?: A, _context?: Context): void {
    try {
      if (typeof value !== 'number' || !(value >= 0) || (this.integer && !Number.isInteger(value))) {
        this.recordUnusual(value, attributes);
        return;
      }
      this.storage.record(value, attributes);
    } catch (error) {
      warnOnce(`${this.storage.descriptor.name}\u0000error`, `mcp-otel: recording histogram "${this.storage.descriptor.name}" failed; the value was dropped`, error);
    }
  }

  /** Invalid values, and fractional values of an INT histogram (truncated, as OTel does). */
  private recordUnusual(value: unknown, attributes: A | undefined): void {
    const name = this.storage.descriptor.name;
    if (typeof value !== 'number' || !(value >= 0)) {
      warnOnce(
        `${name}\u0000invalid`,
        `mcp-otel: histogram "${name}" was given ${typeof value === 'number' ? String(value) : `a ${typeof value}`}; ` +
          'histograms take numbers >= 0, so the value was dropped (further ones are dropped silently).',
      );
      return;
    }
    warnOnce(`${name}\u0000int`, `mcp-otel: histogram "${name}" has value type INT and was given ${value}; the fractional digits are ignored.`);
    const truncated = Math.trunc(value);
    if (Number.isInteger(truncated)) this.storage.record(truncated, attributes);
  }
}
