import { Mulberry32 } from '../../src/aggregate/keep-probability';

describe('Mulberry32', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = new Mulberry32(42);
    const b = new Mulberry32(42);
    const c = new Mulberry32(43);
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('draws uniform 32-bit integers (mean and decile counts within 5 sigma)', () => {
    const prng = new Mulberry32(2024);
    const n = 200_000;
    const deciles = new Array<number>(10).fill(0);
    let sum = 0;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const x = prng.nextUint32();
      if (!(Number.isInteger(x) && x >= 0 && x < 2 ** 32)) outOfRange++;
      sum += x / 2 ** 32;
      deciles[Math.floor((x / 2 ** 32) * 10)]! += 1;
    }
    expect(outOfRange).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    for (const count of deciles) expect(Math.abs(count - n / 10)).toBeLessThan(5 * Math.sqrt(n * 0.1 * 0.9));
  });
});
