import { diag } from '@opentelemetry/api';

/** What a kind of instrument accepts: finite numbers >= 0 (counters, histograms), or any finite number. */
export type ValueRule = 'nonNegative' | 'finite';

/** The instrument kinds as the facade names them (a summary is a histogram of its own meter). */
export type ValueKind = 'counter' | 'upDownCounter' | 'gauge' | 'histogram' | 'summary';

/** The rule of a kind. */
export function valueRule(kind: ValueKind): ValueRule {
  return kind === 'upDownCounter' || kind === 'gauge' ? 'finite' : 'nonNegative';
}

/** Problems warned once per instrument (bit flags, so the bad-value path allocates nothing). */
const NOT_A_NUMBER = 1;
const NAN = 2;
const INFINITE = 4;
const NEGATIVE = 8;

/** Renders a user value for a warning: short, never throws. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'function') return 'a function';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The values one instrument dropped: each kind of problem (not a number, NaN, infinite, negative)
 * is warned once through `diag`, naming the instrument, the value and the fix; later ones are
 * dropped quietly. Never throws, even when the diag logger does.
 */
export class ValueProblems {
  private warned = 0;

  constructor(
    private readonly kind: ValueKind,
    private readonly name: () => string,
  ) {}

  /** Drops `value` (which failed the kind's rule), warning once per problem. */
  reject(value: unknown): void {
    const problem = typeof value !== 'number' ? NOT_A_NUMBER : Number.isNaN(value) ? NAN : !Number.isFinite(value) ? INFINITE : NEGATIVE;
    if ((this.warned & problem) !== 0) return;
    this.warned |= problem;
    const fix =
      valueRule(this.kind) === 'finite'
        ? 'Pass a finite number.'
        : this.kind === 'counter'
          ? 'Pass a finite number >= 0 (use an upDownCounter for values that go down).'
          : 'Record a finite number >= 0.';
    safeWarn(`mcp-otel: ${this.kind} "${this.name()}" got ${describeValue(value)}; the value was dropped (values recorded before are kept). ${fix}`);
  }

  /** Reports a failure of the recording path once (e.g. a throwing attribute getter); never throws. */
  fail(error: unknown): void {
    if ((this.warned & 16) !== 0) return;
    this.warned |= 16;
    safeWarn(`mcp-otel: recording ${this.kind} "${this.name()}" failed (${describeValue(error instanceof Error ? error.message : error)}); the value was dropped`);
  }

  /** A fractional value of an INT instrument: truncated, as OTel does, with one warning. */
  truncate(value: number): number {
    if ((this.warned & 32) === 0) {
      this.warned |= 32;
      safeWarn(`mcp-otel: ${this.kind} "${this.name()}" has value type INT and was given ${value}; the fractional digits are ignored.`);
    }
    return Math.trunc(value);
  }
}

function safeWarn(message: string): void {
  try {
    diag.warn(message);
  } catch {
    // A throwing diag logger must not reach the host.
  }
}
