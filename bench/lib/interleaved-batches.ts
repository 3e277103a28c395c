/**
 * Times several subjects (MCP client/server pairs) in interleaved short batches, so that a slow
 * phase of this shared machine hits each alike.
 *
 * - Warmup first, untimed, in the same interleaving: the JIT sees every subject alike before timing
 *   starts. Measured on the MCP round trip: after 200 calls it is still settling, and the
 *   instrumented pair paid for it (+1.2 µs per round trip over bare, against +0.55 µs once warm);
 *   from about 2,000 calls on, the figures no longer move.
 * - The order rotates each round: a subject always timed right after the same one would always
 *   inherit that one's garbage (measured: about +0.1 µs per round trip on whatever followed a case
 *   that allocates much).
 */
import { performance } from 'node:perf_hooks';

/** Untimed calls per subject that reach the JIT's steady state (see above). */
export const WARMUP_CALLS = 3000;

export interface BatchSubject {
  call(): Promise<unknown>;
}

export interface InterleaveOptions {
  /** Untimed calls per subject before the first timed batch. */
  warmupCalls: number;
  /** Timed batches per subject. */
  rounds: number;
  callsPerBatch: number;
}

/** For each subject, the µs per call of each of its timed batches. */
export async function timeInterleaved(subjects: readonly BatchSubject[], options: InterleaveOptions): Promise<number[][]> {
  const { warmupCalls, rounds, callsPerBatch } = options;
  const n = subjects.length;
  for (let r = 0; r < Math.ceil(warmupCalls / callsPerBatch); r++) {
    for (let j = 0; j < n; j++) for (let i = 0; i < callsPerBatch; i++) await subjects[(j + r) % n]!.call();
  }
  const samples = subjects.map((): number[] => []);
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < n; j++) {
      const k = (j + r) % n;
      const subject = subjects[k]!;
      const t0 = performance.now();
      for (let i = 0; i < callsPerBatch; i++) await subject.call();
      samples[k]!.push(((performance.now() - t0) * 1000) / callsPerBatch);
    }
  }
  return samples;
}
