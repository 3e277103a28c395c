import { Mulberry32 } from '../../src/aggregate/keep-probability';
import { CountScaler, scaleCount } from '../../src/export/scale-counts';

describe('CountScaler', () => {
  it('scales running totals with rounding, so counts stay >= 0 and sum to the scaled total', () => {
    const prng = new Mulberry32(5);
    for (const rate of [0.1, 0.3, 0.37, 0.7, 0.999]) {
      for (let trial = 0; trial < 50; trial++) {
        const counts = Array.from({ length: 1 + (prng.nextUint32() % 30) }, () => prng.nextUint32() % 7);
        const scaled = new CountScaler(rate).all(counts);
        let raw = 0;
        let total = 0;
        counts.forEach((count, i) => {
          raw += count;
          total += scaled[i]!;
          expect(Number.isInteger(scaled[i])).toBe(true);
          expect(scaled[i]).toBeGreaterThanOrEqual(0);
          expect(total).toBe(Math.round(raw / rate));
        });
        expect(total).toBe(scaleCount(raw, rate));
      }
    }
  });

  it('continues one running total across calls', () => {
    const scaler = new CountScaler(0.3);
    expect(scaler.next(1)).toBe(3); // round(3.33)
    expect(scaler.next(1)).toBe(4); // round(6.67) - 3
    expect(scaler.all([1, 0])).toEqual([3, 0]); // round(10) - 7, then nothing
  });
});
