/** A source of uniform 32-bit unsigned integers. */
export interface Prng {
  /** The next uniform integer in [0, 2^32). */
  nextUint32(): number;
}

/**
 * Mulberry32: one 32-bit state word, a handful of integer ops per draw. As fast as `Math.random`
 * on Node 20 (about 7 ns here) and, unlike it, seedable, so sampling tests are deterministic.
 */
export class Mulberry32 implements Prng {
  private state: number;

  /** @param seed any 32-bit integer. @default a random seed */
  constructor(seed: number = (Math.random() * 0x1_0000_0000) >>> 0) {
    this.state = seed | 0;
  }

  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  }
}
