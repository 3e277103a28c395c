import { HandleCache } from '../../src/facade/handle-cache';

describe('HandleCache', () => {
  it('finds a handle by attribute names and values, keeping value types apart', () => {
    const cache = new HandleCache<string>(100);
    const sets: Array<[Record<string, unknown>, string]> = [
      [{ a: '1' }, 'string'],
      [{ a: 1 }, 'number'],
      [{ a: true }, 'boolean'],
      [{ a: 'true' }, 'string true'],
      [{ a: ['1'] }, 'array'],
      [{ a: '["1"]' }, 'string that looks like an array'],
      [{ a: 'x', b: 'y' }, 'two'],
      [{ a: 'x' }, 'prefix of two'],
      [{ b: 'y', a: 'x' }, 'other order'],
    ];
    for (const [attributes, handle] of sets) expect(cache.set(attributes as never, handle)).toBe(true);
    for (const [attributes, handle] of sets) expect(cache.get({ ...attributes } as never)).toBe(handle);
    expect(cache.get({ a: 2 })).toBeUndefined();
    expect(cache.get({ a: 'x', b: 'z' })).toBeUndefined();
  });

  it('treats undefined values as absent and every dropped value alike', () => {
    const cache = new HandleCache<string>(100);
    cache.set(undefined, 'empty');
    expect(cache.get({})).toBe('empty');
    expect(cache.get({ a: undefined })).toBe('empty');
    cache.set({ a: { nested: 1 } } as never, 'dropped');
    for (const dropped of [null, {}, [1, 'mixed'], () => 1]) expect(cache.get({ a: dropped } as never)).toBe('dropped');
  });

  it('holds at most capacity handles, the empty set always fitting', () => {
    const cache = new HandleCache<number>(2);
    expect(cache.set({ n: 1 }, 1)).toBe(true);
    expect(cache.set({ n: 2 }, 2)).toBe(true);
    expect(cache.set({ n: 3 }, 3)).toBe(false);
    expect(cache.get({ n: 3 })).toBeUndefined();
    expect(cache.set({ n: 1 }, 10)).toBe(true);
    expect(cache.set({}, 0)).toBe(true);
    expect(cache.get(undefined)).toBe(0);
    expect(cache.get({ n: 1 })).toBe(10);
  });

  it('keeps a handle stored inline at the end of its path, and a node once a longer set extends it', () => {
    const cache = new HandleCache<string>(100);
    expect(cache.set({ a: 'x' }, 'short')).toBe(true);
    // A longer set through the inline handle: not cached yet, then cached without losing the short one.
    expect(cache.get({ a: 'x', b: 'y' })).toBeUndefined();
    expect(cache.set({ a: 'x', b: 'y' }, 'long')).toBe(true);
    expect(cache.set({ a: 'x', b: ['y'] }, 'long array')).toBe(true);
    expect(cache.get({ a: 'x' })).toBe('short');
    expect(cache.get({ a: 'x', b: 'y' })).toBe('long');
    expect(cache.get({ a: 'x', b: ['y'] })).toBe('long array');
    expect(cache.get({ a: 'x', b: 'y', c: 'z' })).toBeUndefined();
    // Replacing a handle, inline or on a node, does not count against the capacity.
    const small = new HandleCache<string>(2);
    expect(small.set({ a: 'x' }, '1')).toBe(true);
    expect(small.set({ a: 'x', b: 'y' }, '2')).toBe(true);
    expect(small.set({ a: 'x' }, '1 again')).toBe(true);
    expect(small.set({ a: 'x', b: 'y' }, '2 again')).toBe(true);
    expect(small.set({ a: 'w' }, '3')).toBe(false);
    expect([small.get({ a: 'x' }), small.get({ b: 'y', a: 'x' }), small.get({ a: 'x', b: 'y' })]).toEqual(['1 again', undefined, '2 again']);
  });
});
