import { findJsonProblem, MAX_JSON_DEPTH } from '../../src/config/json-problem.js';

describe('findJsonProblem', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e+3, 0, true, false, null, "x\\n\\u00e9\\"", {}], "b": {"c": []}} ',
    '"just a string"',
    '0',
    '{"a": 1, "\\u0061b": 2}',
  ])('accepts %s, as JSON.parse does', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonProblem(text)).toBeUndefined();
  });

  it.each([
    ['', 0, 'unexpected end of the file, expected a value'],
    ['{"a": Bearer x}', 6, 'unexpected "B", expected a value (strings need double quotes)'],
    ['{"a": 1,}', 8, 'a "," before "}" (JSON allows no trailing comma)'],
    ['[1, 2,]', 6, 'a "," before "]" (JSON allows no trailing comma)'],
    ['{"a" 1}', 5, 'unexpected "1", expected ":" after a property name'],
    ["{'a': 1}", 1, 'unexpected "\'", expected a double-quoted property name'],
    ['{"a": 1 "b": 2}', 8, 'unexpected """, expected "," or "}"'],
    ['[1 2]', 3, 'unexpected "2", expected "," or "]"'],
    ['{"a": "x', 6, 'a string that is never closed'],
    ['{"a": "x\ty"}', 8, 'a control character in a string (write it escaped, e.g. \\n)'],
    ['{"a": "\\x"}', 7, 'an invalid escape in a string (valid: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)'],
    ['{"a": 01}', 6, 'invalid number'],
    ['{"a": 1.}', 6, 'invalid number'],
    ['{"a": tru}', 6, 'unexpected "t", expected a value (strings need double quotes)'],
    ['{} x', 3, 'unexpected "x" after the end of the JSON value'],
    ['{"a": é}', 6, 'unexpected character U+00E9, expected a value (strings need double quotes)'],
  ])('reports %j at offset %d: %s', (text, offset, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonProblem(text)).toEqual({ offset, reason });
  });

  it.each([
    ['{"a": 1, "a": 2}', 9, 'duplicate key "a" (keys must be unique in an object)'],
    ['{"ab": 1, "\\u0061b": 2}', 10, 'duplicate key "ab" (keys must be unique in an object)'],
  ])('reports the duplicate key in %j at offset %d, which JSON.parse lets the last win', (text, offset, reason) => {
    expect(findJsonProblem(text)).toEqual({ offset, reason });
  });

  it('allows the same key in different objects', () => {
    expect(findJsonProblem('{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}]}')).toBeUndefined();
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels, without recursion`, () => {
    expect(findJsonProblem('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeUndefined();
    expect(findJsonProblem('['.repeat(1_000_000))).toEqual({ offset: MAX_JSON_DEPTH, reason: `nested deeper than ${MAX_JSON_DEPTH} levels` });
  });

  it('never quotes more than one character of the text', () => {
    const problem = findJsonProblem('{"authorization": Bearer-abcdefgh}');
    expect(problem?.reason).not.toMatch(/earer|abcdefgh/);
  });
});
