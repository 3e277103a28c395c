import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { HealthCheck } from '../../health/health-types.js';

/** The part of Node's `IntervalHistogram` the check reads (injectable for tests). */
export interface DelayHistogram {
  enable(): boolean;
  disable(): boolean;
  reset(): void;
  percentile(percentile: number): number;
  readonly count: number;
}

/**
 * The event-loop delay check: the p99 delay since the previous check (Node's
 * `monitorEventLoopDelay`, sampling every 20 ms) against `limitMs`; above it, unhealthy. Call
 * `stop()` on shutdown to end the sampling.
 */
export function createEventLoopCheck(limitMs: number, histogram: DelayHistogram = monitorEventLoopDelay({ resolution: 20 })): { check: HealthCheck; stop: () => void } {
  histogram.enable();
  const check: HealthCheck = () => {
    const samples = histogram.count;
    const p99Ms = samples === 0 ? 0 : histogram.percentile(99) / 1e6;
    histogram.reset();
    const details = { p99Ms: round(p99Ms), limitMs, samples };
    const message = `p99 event-loop delay ${round(p99Ms)} ms (limit ${limitMs} ms)`;
    return { status: p99Ms > limitMs ? 'unhealthy' : 'healthy', message, details };
  };
  return { check, stop: () => void histogram.disable() };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
