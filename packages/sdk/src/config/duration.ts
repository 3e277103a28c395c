import { ConfigError, didYouMeanHint, mismatchIssue } from './config-error.js';
import type { DurationInput } from './types.js';

/** A duration string: a non-negative decimal and one unit. Shared with the JSON Schema. */
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** How a duration may be written, for `expected` texts. */
export const DURATION_FORMS = 'milliseconds as a number, or a string like "500ms", "15s", "1.5m", "1h"';

/** Milliseconds of a duration, or `undefined` when it is not one (negative, NaN, infinite, junk). */
export function durationToMs(input: unknown): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input : undefined;
  if (typeof input !== 'string') return undefined;
  const match = DURATION_PATTERN.exec(input);
  if (match === null) return undefined;
  // Rounded to the microsecond: "1.1s" is 1100, not 1100.0000000000002.
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2]!]! * 1000) / 1000;
  return Number.isFinite(ms) ? ms : undefined;
}

/** `"500"` was surely meant as `"500ms"`. */
export function durationSuggestion(input: unknown): string | undefined {
  return typeof input === 'string' && /^\d+(?:\.\d+)?$/.test(input) ? `${input}ms` : undefined;
}

/**
 * Parses a duration to milliseconds: a number is already milliseconds; a string carries one unit,
 * `ms`, `s`, `m` or `h` (`"500ms"`, `"15s"`, `"1.5m"`, `"1h"`). Negative, NaN, infinite values and
 * anything else throw a `ConfigError` whose single issue names `path`.
 *
 * @param path - named in the error, e.g. `"collectionInterval"`.
 * @example
 * ```ts
 * import { parseDuration } from '@mcp-otel/sdk';
 *
 * parseDuration('1.5m', 'collectionInterval'); // 90000
 * parseDuration(250, 'timeout'); // 250
 * parseDuration('soon', 'timeout'); // throws: timeout: got "soon", expected a duration: milliseconds as a number, or …
 * ```
 */
export function parseDuration(input: DurationInput, path = 'duration'): number {
  const ms = durationToMs(input);
  if (ms !== undefined) return ms;
  const suggestion = durationSuggestion(input);
  const extra = suggestion === undefined ? undefined : { hint: didYouMeanHint(suggestion), suggestion };
  throw new ConfigError([mismatchIssue(path, input, `a duration: ${DURATION_FORMS}`, extra)]);
}

/** A duration for messages: `"120s"`, `"1.5m"`, `"250ms"`. */
export function formatMs(ms: number): string {
  if (ms >= 3_600_000 && ms % 360_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 6_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1_000 && ms % 100 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}
