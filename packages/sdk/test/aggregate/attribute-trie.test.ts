import { AttributeTrie } from '../../src/aggregate/attribute-trie';

const value = (name: string) => ({ name });

describe('AttributeTrie', () => {
  it('finds a value by attribute names and values in the caller’s key order, keeping value types apart', () => {
    const trie = new AttributeTrie<{ name: string }>(100);
    const sets: Array<[Record<string, unknown>, string]> = [
      [{ a: '1' }, 'string'],
      [{ a: 1 }, 'number'],
      [{ a: true }, 'boolean'],
      [{ a: 'true' }, 'string true'],
      [{ a: 'x', b: 'y' }, 'two'],
      [{ a: 'x' }, 'prefix of two'],
      [{ b: 'y', a: 'x' }, 'other order'],
      [{}, 'empty'],
    ];
    const values = sets.map(([, name]) => value(name));
    sets.forEach(([attributes], i) => expect(trie.set(attributes as never, values[i]!)).toBe(true));
    sets.forEach(([attributes], i) => expect(trie.get({ ...attributes } as never)).toBe(values[i]));
    expect(trie.get({ a: 2 })).toBeUndefined();
    expect(trie.get({ a: 'x', b: 'z' })).toBeUndefined();
    // 0 and -0 are one key, as in OTel's JSON hash.
    trie.set({ n: 0 }, value('zero'));
    expect(trie.get({ n: -0 })).toEqual(value('zero'));
  });

  it('keys only strings, numbers and booleans of non-empty names: anything else is a miss, never stored', () => {
    const trie = new AttributeTrie<{ name: string }>(100);
    for (const loose of [{ a: undefined }, { a: null }, { a: ['x'] }, { a: { nested: 1 } }, { '': 'x' }]) {
      expect(trie.set(loose as never, value('loose'))).toBe(false);
      expect(trie.get(loose as never)).toBeUndefined();
    }
  });

  it('holds at most capacity paths; replacing a value does not count', () => {
    const trie = new AttributeTrie<{ name: string }>(2);
    expect(trie.set({ n: 1 }, value('1'))).toBe(true);
    expect(trie.set({ n: 2 }, value('2'))).toBe(true);
    expect(trie.set({ n: 3 }, value('3'))).toBe(false);
    expect(trie.get({ n: 3 })).toBeUndefined();
    expect(trie.set({ n: 1 }, value('10'))).toBe(true);
    expect(trie.get({ n: 1 })).toEqual(value('10'));
  });

  it('keeps a value stored inline at the end of its path, and a node once a longer set extends it', () => {
    const trie = new AttributeTrie<{ name: string }>(100);
    const short = value('short');
    const long = value('long');
    expect(trie.set({ a: 'x' }, short)).toBe(true);
    expect(trie.get({ a: 'x', b: 'y' })).toBeUndefined();
    expect(trie.set({ a: 'x', b: 'y' }, long)).toBe(true);
    expect(trie.get({ a: 'x' })).toBe(short);
    expect(trie.get({ a: 'x', b: 'y' })).toBe(long);
    expect(trie.get({ a: 'x', b: 'y', c: 'z' })).toBeUndefined();
    const small = new AttributeTrie<{ name: string }>(2);
    expect(small.set({ a: 'x' }, value('1'))).toBe(true);
    expect(small.set({ a: 'x', b: 'y' }, value('2'))).toBe(true);
    expect(small.set({ a: 'x' }, value('1 again'))).toBe(true);
    expect(small.set({ a: 'w' }, value('3'))).toBe(false);
    expect([small.get({ a: 'x' }), small.get({ b: 'y', a: 'x' }), small.get({ a: 'x', b: 'y' })]).toEqual([value('1 again'), undefined, value('2')]);
  });
});
