import * as z from 'zod/mini';
import { didYouMeanHint, listValues } from './config-error.js';
import { isHttpUrl } from './http-url.js';
import { DURATION_FORMS, DURATION_PATTERN, durationSuggestion, durationToMs } from './duration.js';

/**
 * Field builders for the zod schemas. Every check of a field carries the same `expected` text, so
 * any failure of that field reads `got <value>, expected <text>` (zod's own wording never leaks).
 *
 * The schemas use `zod/mini`, zod's functional API: classic zod puts every method on every schema,
 * so a bundler keeps all of zod (≈440 KiB minified of a browser bundle); with `zod/mini` it keeps
 * what is used. Zod mini has no messages of its own, so every schema that can fail carries an `error`.
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

/**
 * JSON Schema metadata (`title`, `description`, `default`), registered on a copy as classic zod's
 * `.meta()` does, so a schema used in several places keeps its own.
 */
export function described<T extends z.ZodMiniType>(schema: T, meta: z.core.GlobalMeta): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, meta);
  return copy;
}

/** An optional field, with its JSON Schema metadata when given. */
export function optional<T extends z.ZodMiniType>(schema: T, meta?: z.core.GlobalMeta): z.ZodMiniOptional<T> {
  const field = z.optional(schema);
  return meta === undefined ? field : described(field, meta);
}

export function nonEmptyString(expected = 'a non-empty string') {
  return z.string(expecting(expected)).check(z.minLength(1, expecting(expected)));
}

export function integer(min: number, max?: number) {
  const expected = max === undefined ? `an integer >= ${min}` : `an integer ${min}..${max}`;
  const schema = z.int(expecting(expected)).check(z.gte(min, expecting(expected)));
  return max === undefined ? schema : schema.check(z.lte(max, expecting(expected)));
}

export function rate() {
  const expected = 'a number 0..1';
  return z.number(expecting(expected)).check(z.gte(0, expecting(expected)), z.lte(1, expecting(expected)));
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
  const number = z.number({ error }).check(exclusive ? z.gt(minMs, { error }) : z.gte(minMs, { error }));
  return z.union([number, z.string({ error }).check(z.regex(DURATION_PATTERN, { error }))], { error }).check(
    z.refine(
      (value) => {
        const ms = durationToMs(value);
        return ms !== undefined && (exclusive ? ms > minMs : ms >= minMs);
      },
      { error, when: (payload) => payload.issues.length === 0 }, // a string the pattern refused is already reported
    ),
  );
}

/** A string-keyed map; `what` names the object, e.g. `an object of header names to values`. */
export function record<V extends z.ZodMiniType>(what: string, keyExpected: string, keyPattern: RegExp | undefined, value: V) {
  const key = z.string(expecting(keyExpected)).check(keyPattern === undefined ? z.minLength(1, expecting(keyExpected)) : z.regex(keyPattern, expecting(keyExpected)));
  return z.record(key, value, expecting(what));
}

/** A string matching `pattern`, described by `expected`. */
export function matching(pattern: RegExp, expected: string) {
  return z.string(expecting(expected)).check(z.regex(pattern, expecting(expected)));
}

/**
 * An absolute http(s) URL. The pattern (which the JSON Schema shows editors) checks the scheme; the
 * refinement checks the rest with the WHATWG URL parser, as the exporter will.
 */
export function httpUrl(example: string) {
  const expected = expecting(`an absolute http(s) URL, e.g. ${JSON.stringify(example)}`);
  return z.string(expected).check(z.regex(/^https?:\/\/[^\s/?#]+/i, expected), z.refine(isHttpUrl, { ...expected, when: (payload) => payload.issues.length === 0 }));
}
