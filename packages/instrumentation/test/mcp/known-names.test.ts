import { KnownNames } from '../../src/mcp/known-names.js';

describe('KnownNames', () => {
  it('accepts registered names (own properties only) and learned names, nothing else', () => {
    const registry: Record<string, unknown> = { echo: {} };
    const names = new KnownNames(10, () => registry);
    expect(names.attribute('echo')).toBe('echo');
    expect(names.attribute('toString')).toBe('_OTHER');
    expect(names.attribute('__proto__')).toBe('_OTHER');
    expect(names.attribute(42)).toBe('_OTHER');
    registry['late'] = {};
    expect(names.attribute('late')).toBe('late');
  });

  it('replaces what it learned on a first page, adds on later pages, and stops at the limit', () => {
    const names = new KnownNames(3, undefined);
    names.learn([{ name: 'a' }, { name: 'b' }], 'name', true);
    names.learn([{ name: 'c' }, { name: 'd' }], 'name', false);
    expect(['a', 'b', 'c', 'd'].map((n) => names.attribute(n))).toEqual(['a', 'b', 'c', '_OTHER']);
    names.learn([{ name: 'z' }, { nope: 1 }, null, 'x'], 'name', true);
    expect(['a', 'z'].map((n) => names.attribute(n))).toEqual(['_OTHER', 'z']);
  });
});
