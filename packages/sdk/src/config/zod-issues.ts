// The core classes, which every zod schema (classic or mini) is an instance of; imported by name, as
// `z.core.*` would keep all of zod's core (its locales too) in a browser bundle.
import { $ZodArray, $ZodDiscriminatedUnion, $ZodLiteral, $ZodObject, $ZodOptional, $ZodRecord } from 'zod/v4/core';
import type { $ZodIssue, $ZodIssueInvalidUnion, $ZodType, util } from 'zod/v4/core';
import type { ConfigIssue } from './config-error.js';
import { didYouMeanHint, listValues, mismatchIssue } from './config-error.js';
import { shownIssueValue } from './issue-value.js';
import type { LayerSource } from './config-path.js';
import { layerPath } from './config-path.js';
import { didYouMean } from './did-you-mean.js';
import { decodeExpected } from './schema-fields.js';

/** The `expected` text per list of known keys, built once: a file may hold 100k unknown keys. */
const expectedKeys = new WeakMap<readonly string[], string>();

/** An unknown object key, with a did-you-mean when a known key is close, else the known keys. */
export function unknownKeyIssue(path: string, key: string, value: unknown, known: readonly string[]): ConfigIssue {
  const suggestion = didYouMean(key, known);
  let expected = expectedKeys.get(known);
  if (expected === undefined) expectedKeys.set(known, (expected = `one of the keys ${known.join(', ')}`));
  const shown = shownIssueValue(path, value);
  if (suggestion === undefined) return { path, value: shown, expected, message: `unknown key; expected ${expected}` };
  return { path, value: shown, expected, message: `unknown key; ${didYouMeanHint(suggestion)}`, suggestion };
}

/**
 * Turns zod issues into `ConfigIssue`s. `schema` and `input` are what was parsed, found at `prefix`
 * in the layer; they let an unknown key be compared with the keys of the object it sits in.
 */
export function issuesFromZod(
  issues: readonly $ZodIssue[],
  source: LayerSource,
  prefix: readonly PropertyKey[],
  schema: $ZodType,
  input: unknown,
): ConfigIssue[] {
  const result: ConfigIssue[] = [];
  for (const issue of issues) {
    const segments = [...prefix, ...issue.path];
    const path = layerPath(source, segments);
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path, input);
      const object = issue.input;
      for (const key of issue.keys) result.push(unknownKeyIssue(layerPath(source, [...segments, key]), key, object?.[key], known));
    } else if (issue.code === 'invalid_union' && isDiscriminatorIssue(issue)) {
      // An unknown or missing exporter `type`: the object was not checked further.
      const options = issue.options.map(String);
      const value = (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator];
      const mismatch = mismatchIssue(path, value, listValues(options));
      result.push(withDidYouMean(mismatch, mismatch.value, options));
    } else if (issue.code === 'invalid_key') {
      const inner = issue.issues[0];
      const expected = inner === undefined ? 'a valid key' : decodeExpected(inner.message).expected;
      result.push(mismatchIssue(path, issue.input, expected));
    } else {
      const { expected, hint, suggestion } = decodeExpected(issue.message);
      const value = issue.input;
      const extra: { hint?: string; suggestion?: string } = {};
      if (hint !== undefined) extra.hint = hint;
      if (suggestion !== undefined) extra.suggestion = suggestion;
      const mismatch = mismatchIssue(path, value, expected, extra);
      result.push(issue.code === 'invalid_value' && hint === undefined ? withDidYouMean(mismatch, mismatch.value, issue.values.map(String)) : mismatch);
    }
  }
  return result;
}

/** A discriminated union without a matching option carries these (zod's issue type omits them). */
function isDiscriminatorIssue(issue: $ZodIssueInvalidUnion): issue is $ZodIssueInvalidUnion & { discriminator: string; options: unknown[] } {
  const extra = issue as { discriminator?: unknown; options?: unknown };
  return typeof extra.discriminator === 'string' && Array.isArray(extra.options);
}

function withDidYouMean(issue: ConfigIssue, value: unknown, candidates: readonly string[]): ConfigIssue {
  const suggestion = typeof value === 'string' ? didYouMean(value, candidates) : undefined;
  if (suggestion === undefined) return issue;
  return { ...issue, message: `${issue.message}; ${didYouMeanHint(suggestion)}`, suggestion };
}

/** The keys of the object schema found by following `path` from `schema` (exporter unions follow `input`). */
function knownKeysAt(schema: $ZodType, path: readonly PropertyKey[], input: unknown): string[] {
  let current: $ZodType | undefined = schema;
  let value = input;
  for (const segment of path) {
    current = unwrap(current, value);
    if (current instanceof $ZodObject) current = current._zod.def.shape[String(segment)];
    else if (current instanceof $ZodArray) current = current._zod.def.element;
    else if (current instanceof $ZodRecord) current = current._zod.def.valueType;
    else return [];
    value = isObject(value) ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
  }
  current = unwrap(current, value);
  return current instanceof $ZodObject ? Object.keys(current._zod.def.shape) : [];
}

function unwrap(schema: $ZodType | undefined, value: unknown): $ZodType | undefined {
  let current = schema;
  for (;;) {
    if (current instanceof $ZodOptional) current = current._zod.def.innerType;
    else if (current instanceof $ZodDiscriminatedUnion) current = pickOption(current, value);
    else return current;
  }
}

function pickOption(union: $ZodDiscriminatedUnion, value: unknown): $ZodType | undefined {
  const discriminator = union._zod.def.discriminator;
  const wanted = isObject(value) ? (value as Record<string, unknown>)[discriminator] : undefined;
  return union._zod.def.options.find((option) => {
    if (!(option instanceof $ZodObject)) return false;
    const tag = option._zod.def.shape[discriminator];
    return tag instanceof $ZodLiteral && tag._zod.values.has(wanted as util.Literal);
  });
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
