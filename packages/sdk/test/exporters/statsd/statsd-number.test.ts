import { formatStatsdNumber, utf8Length } from '../../../src/exporters/statsd/statsd-number.js';

describe('formatStatsdNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [42, '42'],
    [-1.5, '-1.5'],
    [1e-7, '0.0000001'],
    [1.25e-10, '0.000000000125'],
    [-2.5e-8, '-0.000000025'],
    [1e21, '1000000000000000000000'],
    [1.5e22, '15000000000000000000000'],
    [1 / 3, '0.3333333333333333'],
  ])('writes %p as %p, never in exponent notation', (value, text) => {
    expect(formatStatsdNumber(value)).toBe(text);
    expect(Number(formatStatsdNumber(value))).toBe(value === 0 ? 0 : value);
  });

  it('keeps sample rates readable by the Etsy daemon regex /^@([\\d.]+)/', () => {
    const rate = formatStatsdNumber(1 / 3_000_000);
    expect(rate).toMatch(/^[\d.]+$/);
    expect(1 / Number(rate)).toBeCloseTo(3_000_000, 3);
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes like Buffer.byteLength', () => {
    for (const text of ['', 'abc', 'é', '€uro', '😀', 'a\ud800b', 'mcp.tool:1|c|#tool:naïve']) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text));
    }
  });
});
