import { Mulberry32 } from '../../src/aggregate/keep-probability';

/** Uniform numbers in [0, 1) from the SDK's seeded Mulberry32, so a failing case replays from its seed. */
export function seededRandom(seed: number): () => number {
  const prng = new Mulberry32(seed);
  return () => prng.nextUint32() / 0x1_0000_0000;
}
