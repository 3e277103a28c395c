import { z } from 'zod';
import { didYouMeanHint, listValues } from './config-error.js';
import { isHttpUrl } from './http-url.js';
import { DURATION_FORMS, DURATION_PATTERN, durationSuggestion, durationToMs } from './duration.js';

/**
 * Field builders for the zod schemas. Every check of a field carries the same `expected` text, so
 * any failure of that field reads `got <value>, expected <text>` (zod's own wording never leaks).
 *
 * A zod error message can only be a string: `expected`, an optional hint and an optional suggestion
 * travel in it separated by `\n` (`encodeExpected`), and `issuesFromZod` splits them again.
 */
export interface Expectation {
  expected: string;
  hint?: string;
  suggestion?: string;
}

const SEPARATOR = '\n';

export function encodeExpected({ expected, hint, suggestion }: Expectation): string {
  return [expected, hint ?? '', suggestion ?? ''].join(SEPARATOR);
}

export function decodeExpected(message: string): Expectation {
  const [expected = message, hint = '', suggestion = ''] = message.split(SEPARATOR);
  const result: Expectation = { expected };
  if (hint !== '') result.hint = hint;
  if (suggestion !== '') result.suggestion = suggestion;
  return result;
}

/** `{ error }` params for zod: the same expectation for every check. */
export function expecting(expected: string): { error: string } {
  return { error: encodeExpected({ expected }) };
}

export function nonEmptyString(expected = 'a non-empty string') {
  return z.string(expecting(expected)).min(1, expecting(expected));
}

export function integer(min: number, max?: number) {
  const expected = max === undefined ? `an integer >= ${min}` : `an integer ${min}..${max}`;
  const schema = z.int(expecting(expected)).min(min, expecting(expected));
  return max === undefined ? schema : schema.max(max, expecting(expected));
}

export function rate() {
  const expected = 'a number 0..1';
  return z.number(expecting(expected)).min(0, expecting(expected)).max(1, expecting(expected));
}

export function flag() {
  return z.boolean(expecting('true or false'));
}

/**
 * One of a few strings. `hints` adds a sentence for a known wrong value (e.g. `grpc`); other wrong
 * strings get a did-you-mean from the formatter.
 */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, hints: Record<string, Omit<Expectation, 'expected'>> = {}) {
  const expected = listValues(values);
  return z.enum(values, {
    error: (issue) => {
      const hint = typeof issue.input === 'string' ? hints[issue.input] : undefined;
      return encodeExpected({ expected, ...hint });
    },
  });
}

/** A duration >= `minMs` (or > `minMs` when `exclusive`), as milliseconds or a string with a unit. */
export function duration(minMs: number, exclusive = false) {
  const bound = exclusive ? `above ${minMs}ms` : `of at least ${minMs}ms`;
  const expected = `a duration ${bound}: ${DURATION_FORMS}`;
  const error = (issue: { input?: unknown }): string => {
    const suggestion = durationSuggestion(issue.input);
    return suggestion === undefined ? encodeExpected({ expected }) : encodeExpected({ expected, hint: didYouMeanHint(suggestion), suggestion });
  };
  const number = exclusive ? z.number({ error }).gt(minMs, { error }) : z.number({ error }).min(minMs, { error });
  return z.union([number, z.string({ error }).regex(DURATION_PATTERN, { error })], { error }).refine((value) => {
    const ms = durationToMs(value);
    return ms !== undefined && (exclusive ? ms > minMs : ms >= minMs);
  }, { error, when: (payload) => payload.issues.length === 0 }); // a string the pattern refused is already reported
}

/** A string-keyed map; `what` names the object, e.g. `an object of header names to values`. */
export function record<V extends z.ZodType>(what: string, keyExpected: string, keyPattern: RegExp | undefined, value: V) {
  const key = keyPattern === undefined ? z.string().min(1, expecting(keyExpected)) : z.string().regex(keyPattern, expecting(keyExpected));
  return z.record(key, value, expecting(what));
}

/** A string matching `pattern`, described by `expected`. */
export function matching(pattern: RegExp, expected: string) {
  return z.string(expecting(expected)).regex(pattern, expecting(expected));
}

/**
 * An absolute http(s) URL. The pattern (which the JSON Schema shows editors) checks the scheme; the
 * refinement checks the rest with the WHATWG URL parser, as the exporter will.
 */
export function httpUrl(example: string) {
  const expected = expecting(`an absolute http(s) URL, e.g. ${JSON.stringify(example)}`);
  return z
    .string(expected)
    .regex(/^https?:\/\/[^\s/?#]+/i, expected)
    .refine(isHttpUrl, { ...expected, when: (payload) => payload.issues.length === 0 });
}
