/**
 * Finds the first problem in a JSON text, with its offset: a syntax error, a duplicate key, or
 * nesting deeper than `MAX_JSON_DEPTH`. `JSON.parse` says neither where (V8 reports an offset for
 * some errors only, and a snippet of the text for others, which may hold a credential) nor anything
 * about duplicate keys, which it resolves silently (the last wins). One linear pass, no recursion.
 */

/** A problem at a character offset of the text. */
export interface JsonProblem {
  offset: number;
  reason: string;
}

/** Deeper nesting is refused, as in YAML files (no config is nested half as deep). */
export const MAX_JSON_DEPTH = 100;

type State = 'value' | 'firstValue' | 'key' | 'firstKey' | 'afterValue';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Control characters (U+0000-U+001F) end the run: JSON strings may not hold them unescaped.
// eslint-disable-next-line no-control-regex
const PLAIN_STRING_RUN = /[^"\\\u0000-\u001f]*/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[\dA-Fa-f]{4})/y;
const WHITESPACE = /[ \t\n\r]*/y;
const LITERALS = ['true', 'false', 'null'] as const;

/** `undefined` when `text` is one valid JSON value with unique keys in every object. */
export function findJsonProblem(text: string): JsonProblem | undefined {
  // Per open container: the keys seen (an object) or `undefined` (an array).
  const stack: (Set<string> | undefined)[] = [];
  let state: State = 'value';
  let at = 0;
  for (;;) {
    at = skip(WHITESPACE, text, at);
    const char = text[at];
    if (state === 'afterValue' && stack.length === 0) {
      return char === undefined ? undefined : { offset: at, reason: `unexpected ${describe(char)} after the end of the JSON value` };
    }
    if (char === undefined) return { offset: at, reason: `unexpected end of the file, expected ${expectation(state, stack)}` };
    if (state === 'value' || state === 'firstValue') {
      if (char === ']' && state === 'firstValue') {
        stack.pop();
        at++;
        state = 'afterValue';
        continue;
      }
      if (char === '{' || char === '[') {
        if (stack.length >= MAX_JSON_DEPTH) return { offset: at, reason: `nested deeper than ${MAX_JSON_DEPTH} levels` };
        stack.push(char === '{' ? new Set() : undefined);
        at++;
        state = char === '{' ? 'firstKey' : 'firstValue';
        continue;
      }
      const end = scalarEnd(text, at);
      if (typeof end !== 'number') return end;
      at = end;
      state = 'afterValue';
    } else if (state === 'key' || state === 'firstKey') {
      if (char === '}' && state === 'firstKey') {
        stack.pop();
        at++;
        state = 'afterValue';
        continue;
      }
      if (char !== '"') {
        const reason = char === '}' ? 'a "," before "}" (JSON allows no trailing comma)' : `unexpected ${describe(char)}, expected a double-quoted property name`;
        return { offset: at, reason };
      }
      const end = stringEnd(text, at);
      if (typeof end !== 'number') return end;
      const key = decodeKey(text.slice(at, end));
      const keys = stack.at(-1)!;
      if (keys.has(key)) return { offset: at, reason: `duplicate key ${shortQuote(key)} (keys must be unique in an object)` };
      keys.add(key);
      at = skip(WHITESPACE, text, end);
      if (text[at] !== ':') return { offset: at, reason: `${text[at] === undefined ? 'unexpected end of the file' : `unexpected ${describe(text[at]!)}`}, expected ":" after a property name` };
      at++;
      state = 'value';
    } else {
      const inObject = stack.at(-1) !== undefined;
      if (char === ',') {
        at++;
        state = inObject ? 'key' : 'value';
      } else if (char === (inObject ? '}' : ']')) {
        stack.pop();
        at++;
      } else {
        return { offset: at, reason: `unexpected ${describe(char)}, expected ${expectation(state, stack)}` };
      }
    }
  }
}

/** The end offset of the string, number or literal at `at`, or the problem. */
function scalarEnd(text: string, at: number): number | JsonProblem {
  const char = text[at]!;
  if (char === '"') return stringEnd(text, at);
  if (char === '-' || (char >= '0' && char <= '9')) {
    const end = skip(NUMBER, text, at);
    return end === at || /[\d.eE+-]/.test(text[end] ?? '') ? { offset: at, reason: 'invalid number' } : end;
  }
  for (const literal of LITERALS) if (text.startsWith(literal, at)) return at + literal.length;
  if (char === ']' || char === '}') return { offset: at, reason: `a "," before "${char}" (JSON allows no trailing comma)` };
  return { offset: at, reason: `unexpected ${describe(char)}, expected a value (strings need double quotes)` };
}

/** The offset after the closing quote of the string opened at `at`, or the problem. */
function stringEnd(text: string, at: number): number | JsonProblem {
  let index = at + 1;
  for (;;) {
    index = skip(PLAIN_STRING_RUN, text, index);
    const char = text[index];
    if (char === '"') return index + 1;
    if (char === undefined) return { offset: at, reason: 'a string that is never closed' };
    if (char === '\\') {
      const end = skip(ESCAPE, text, index);
      if (end === index) return { offset: index, reason: 'an invalid escape in a string (valid: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)' };
      index = end;
    } else {
      return { offset: index, reason: 'a control character in a string (write it escaped, e.g. \\n)' };
    }
  }
}

/** The offset after what the sticky `pattern` matches at `at` (`at` itself when nothing matches). */
function skip(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.exec(text) === null ? at : pattern.lastIndex;
}

function decodeKey(literal: string): string {
  return literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1);
}

function expectation(state: State, stack: readonly (Set<string> | undefined)[]): string {
  if (state === 'key' || state === 'firstKey') return 'a double-quoted property name';
  if (state === 'value' || state === 'firstValue') return 'a value';
  return stack.at(-1) === undefined ? '"," or "]"' : '"," or "}"';
}

/** One character, never more: the text around a problem may hold a credential. */
function describe(char: string): string {
  if (char === '\n' || char === '\r') return 'a line break';
  return /[\x20-\x7e]/.test(char) ? `"${char}"` : `character U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

const MAX_KEY_SHOWN = 40;

function shortQuote(key: string): string {
  return JSON.stringify(key.length > MAX_KEY_SHOWN ? `${key.slice(0, MAX_KEY_SHOWN - 1)}…` : key);
}
