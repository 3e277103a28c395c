import { didYouMean } from '../did-you-mean.js';
import { listValues } from '../config-error.js';
import { isHttpUrl } from '../http-url.js';
import type { EnvParser, EnvParseResult } from './env-reader.js';

/** Parsers for the textual forms the OTel spec gives environment variables. */

/** A non-negative decimal integer in `min..max` (`OTEL_METRIC_EXPORT_INTERVAL=60000`). */
export function envInteger(min: number, max?: number, unit = ''): EnvParser<number> {
  const range = max === undefined ? `>= ${min}` : `${min}..${max}`;
  const expected = `an integer ${range}${unit}`;
  return (text) => {
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    if (Number.isSafeInteger(value) && value >= min && (max === undefined || value <= max)) return { ok: true, value };
    return { ok: false, expected };
  };
}

/** One of a few values, case-insensitive (as the spec asks for enum-like variables). */
export function envOneOf<const T extends string>(
  values: readonly T[],
  hints: Record<string, { hint: string; suggestion?: string }> = {},
): EnvParser<T> {
  const expected = listValues(values);
  return (text) => {
    const lower = text.toLowerCase();
    const match = values.find((value) => value === lower);
    if (match !== undefined) return { ok: true, value: match };
    const known = hints[lower];
    if (known !== undefined) return { ok: false, expected, ...known };
    return withSuggestion({ ok: false, expected }, didYouMean(lower, values));
  };
}

/** `true` or `false`, case-insensitive. */
export const envBoolean: EnvParser<boolean> = (text) => {
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return { ok: true, value: lower === 'true' };
  return { ok: false, expected: '"true" or "false"' };
};

/** An absolute http(s) URL, kept as written. */
export const envHttpUrl: EnvParser<string> = (text) =>
  isHttpUrl(text) ? { ok: true, value: text } : { ok: false, expected: 'an absolute http(s) URL, e.g. "http://localhost:4318"' };

/**
 * A W3C-baggage-like list `k=v,k2=v2` (`OTEL_RESOURCE_ATTRIBUTES`, `OTEL_EXPORTER_OTLP_HEADERS`):
 * keys and values trimmed and percent-decoded, empty items skipped, later duplicates win. The
 * text shown in issues is redacted by the variable's name (`*_HEADERS`: every value hidden).
 */
export function envKeyValues(options: {
  example: string;
  keyPattern?: RegExp;
  keyExpected?: string;
  valuePattern?: RegExp;
  valueExpected?: string;
}): EnvParser<Record<string, string>> {
  const expected = `comma-separated key=value pairs with percent-encoded values, e.g. ${JSON.stringify(options.example)}`;
  return (text) => {
    const result: Record<string, string> = {};
    const items = text.split(',');
    for (const [index, item] of items.entries()) {
      if (item.trim() === '') continue;
      const failure = (problem: string): EnvParseResult<never> => ({
        ok: false,
        expected,
        hint: `item ${index + 1} ${problem}`,
      });
      const equals = item.indexOf('=');
      if (equals < 0) return failure('has no "="');
      const key = decode(item.slice(0, equals).trim());
      const value = decode(item.slice(equals + 1).trim());
      if (key === undefined || value === undefined) return failure('has an invalid percent-encoding');
      if (key === '') return failure('has an empty key');
      if (options.keyPattern !== undefined && !options.keyPattern.test(key)) {
        return failure(`has key ${JSON.stringify(key)}, which is not ${options.keyExpected ?? 'a valid key'}`);
      }
      if (options.valuePattern !== undefined && !options.valuePattern.test(value)) {
        return failure(`has a value that is not ${options.valueExpected ?? 'valid'}`);
      }
      result[key] = value;
    }
    return { ok: true, value: result };
  };
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function withSuggestion<T>(failure: Extract<EnvParseResult<T>, { ok: false }>, suggestion: string | undefined): EnvParseResult<T> {
  return suggestion === undefined ? failure : { ...failure, suggestion };
}
