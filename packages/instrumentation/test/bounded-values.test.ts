import { BoundedValues, errorTypeOf } from '../src/bounded-values.js';

describe('BoundedValues', () => {
  it('admits the first `limit` distinct values and maps later newcomers to _OTHER', () => {
    const values = new BoundedValues(2);
    expect(['a', 'b', 'a', 'c', 'b'].map((v) => values.admit(v))).toEqual(['a', 'b', 'a', '_OTHER', 'b']);
  });
});

describe('errorTypeOf', () => {
  it('uses the error class name, and _OTHER when there is none usable', () => {
    expect(errorTypeOf(new TypeError('x'))).toBe('TypeError');
    expect(errorTypeOf(Object.assign(new Error('x'), { name: 'McpError' }))).toBe('McpError');
    expect(errorTypeOf('a string')).toBe('_OTHER');
    expect(errorTypeOf({ name: 'has spaces in it' })).toBe('_OTHER');
    expect(errorTypeOf(undefined)).toBe('_OTHER');
  });
});
