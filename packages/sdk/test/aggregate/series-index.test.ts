import { SeriesIndex } from '../../src/aggregate/series-index';
import { attributeKey } from '../../src/aggregate/series-key';

type Entry = { attributes: Record<string, string | number> };
const entry = (attributes: Entry['attributes']): Entry => ({ attributes: Object.freeze(attributes) });

describe('SeriesIndex', () => {
  it('finds a value by its canonical key whatever the key order, and by identity or trie path once remembered', () => {
    const index = new SeriesIndex<Entry>(10);
    const one = entry({ a: 1, b: 'x' });
    index.add(one);
    expect(index.byKey(attributeKey({ b: 'x', a: 1 }))).toBe(one);
    expect(index.byKey(attributeKey({ a: '1', b: 'x' }))).toBeUndefined();
    const literal = { b: 'x', a: 1 };
    expect(index.cached(literal)).toBeUndefined();
    index.remember(literal, one);
    expect(index.cached({ b: 'x', a: 1 })).toBe(one);
    // A frozen object whose arrays are frozen can never change: found by identity. One with a
    // mutable array can (it is looked up by content every time, as OTel does).
    const frozen = Object.freeze({ a: 1, b: 'x', c: Object.freeze([1]) as unknown as number });
    index.remember(frozen, one);
    expect(index.cached(frozen)).toBe(one);
    const mutableArray = Object.freeze({ a: 1, b: 'x', c: [1] as unknown as number });
    index.remember(mutableArray, one);
    expect(index.cached(mutableArray)).toBeUndefined();
    index.remember(undefined, one);
    expect(index.cached(undefined)).toBe(one);
  });

  it('holds at most capacity values unless forced (the overflow series, the empty handle)', () => {
    const index = new SeriesIndex<Entry>(2);
    expect(index.add(entry({ n: 1 }))).toBe(true);
    expect(index.add(entry({ n: 2 }))).toBe(true);
    expect(index.add(entry({ n: 3 }))).toBe(false);
    expect(index.add(entry({ n: 4 }), true)).toBe(true);
    expect(index.values.map((e) => e.attributes.n)).toEqual([1, 2, 4]);
  });

  it('tells sets apart when their hashes collide', () => {
    const index = new SeriesIndex<Entry>(10);
    // Two pairs of sets whose keys have the same 30-bit FNV-1a hash (found by search).
    for (const [x, y] of [['1ioa1pp', '18f52rw'], ['o5qcqo', 'rblljn']] as const) {
      const first = entry({ tool: x });
      const second = entry({ tool: y });
      index.add(first);
      expect(index.byKey(attributeKey({ tool: y }))).toBeUndefined();
      index.add(second);
      expect(index.byKey(attributeKey({ tool: x }))).toBe(first);
      expect(index.byKey(attributeKey({ tool: y }))).toBe(second);
    }
    expect(index.size).toBe(4);
  });
});
