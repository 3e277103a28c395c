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
});
