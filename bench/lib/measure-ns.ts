/**
 * Nanosecond-scale timing through mitata's `measure`: it compiles a dedicated loop per case (so one
 * case's call site never turns another's polymorphic), batches calls per sample (the timer's own
 * cost and resolution vanish) and reports percentiles of ns per call. We keep the median.
 *
 * Batch size is chosen per case so that one sample lasts about {@link SAMPLE_US} µs: on a shared
 * machine a long sample (mitata's default 4096 calls x 2 µs = 8 ms) almost always contains a
 * preemption, which would inflate slow cases more than fast ones and skew every ratio.
 */
import { performance } from 'node:perf_hooks';

/** Options of {@link measureNs}. */
export interface MeasureNsOptions {
  /** Minimum CPU time spent sampling one case, in ms. @default 640 (mitata's own default) */
  minCpuMs?: number;
}

/** Median ns per call of `fn`, plus the spread (p25..p75) as a noise indication. */
export interface NsStats {
  p50: number;
  p25: number;
  p75: number;
}

const SAMPLE_US = 50;
const PROBE_CALLS = 2000;

/** Calls per sample: a power of two (mitata unrolls by 4) between 64 and 4096. */
function batchSize(fn: () => unknown): number {
  const t0 = performance.now();
  for (let i = 0; i < PROBE_CALLS; i++) fn();
  const nsPerCall = Math.max(((performance.now() - t0) * 1e6) / PROBE_CALLS, 0.5);
  const calls = (SAMPLE_US * 1000) / nsPerCall;
  return Math.min(4096, Math.max(64, 2 ** Math.round(Math.log2(calls))));
}

/** Measures `fn` (called with no arguments; keep all setup outside it). */
export async function measureNs(fn: () => unknown, options: MeasureNsOptions = {}): Promise<NsStats> {
  // mitata is ESM-only; the bench compiles to CommonJS, where a dynamic import() loads it.
  const { measure } = await import('mitata');
  const gc = (globalThis as { gc?: () => void }).gc;
  const stats = await measure(fn, {
    min_cpu_time: (options.minCpuMs ?? 640) * 1e6,
    batch_samples: batchSize(fn),
    // A full GC after warmup, so garbage from the previous case is not collected inside this one.
    ...(gc === undefined ? {} : { gc }),
  });
  return { p50: stats.p50, p25: stats.p25, p75: stats.p75 };
}
