import { countLines, packStatsd } from '../../../src/exporters/statsd/pack-statsd.js';

describe('packStatsd', () => {
  it('fills payloads up to maxBytes, newline-joined, in order', () => {
    expect(packStatsd(['a:1|c', 'b:2|c', 'c:3|c'], 11)).toEqual({ payloads: ['a:1|c\nb:2|c', 'c:3|c'], oversized: 0 });
    expect(packStatsd(['a:1|c', 'b:2|c', 'c:3|c'], 10)).toEqual({ payloads: ['a:1|c', 'b:2|c', 'c:3|c'], oversized: 0 });
  });

  it('never splits a unit, even the two lines of a negative gauge', () => {
    const pair = 'g:0|g\ng:-1|g';
    const { payloads } = packStatsd(['a:1|c', pair, 'b:1|c'], 14);
    expect(payloads).toEqual(['a:1|c', pair, 'b:1|c']);
  });

  it('sends a unit longer than maxBytes alone and counts it', () => {
    const long = `x:1|c|#k:${'v'.repeat(50)}`;
    expect(packStatsd(['a:1|c', long, 'b:1|c'], 20)).toEqual({ payloads: ['a:1|c', long, 'b:1|c'], oversized: 1 });
  });

  it('measures bytes, not characters', () => {
    const euro = 'e:1|c|#k:€'; // 12 bytes, 10 characters: two need 25 bytes
    expect(packStatsd([euro, euro], 25).payloads).toHaveLength(1);
    expect(packStatsd([euro, euro], 24).payloads).toHaveLength(2);
  });

  it('keeps every payload within 1432 bytes for many lines', () => {
    const units = Array.from({ length: 500 }, (_, i) => `mcp.tool.calls:${i}|c|#mcp.tool.name:tool_${i}`);
    const { payloads } = packStatsd(units, 1432);
    expect(payloads.every((payload) => Buffer.byteLength(payload) <= 1432)).toBe(true);
    expect(payloads.join('\n').split('\n')).toEqual(units);
  });

  it('returns nothing for nothing', () => {
    expect(packStatsd([], 1432)).toEqual({ payloads: [], oversized: 0 });
  });
});

describe('countLines', () => {
  it('counts newline-separated lines', () => {
    expect(countLines('a:1|c')).toBe(1);
    expect(countLines('a:1|c\nb:0|g\nb:-1|g')).toBe(3);
  });
});
