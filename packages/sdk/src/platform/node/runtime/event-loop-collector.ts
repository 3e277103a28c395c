import type { Meter } from '@opentelemetry/api';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { EventLoopUtilization } from 'node:perf_hooks';
import {
  ATTR_NODEJS_EVENTLOOP_STATE,
  METRIC_NODEJS_EVENTLOOP_DELAY_MAX,
  METRIC_NODEJS_EVENTLOOP_DELAY_MEAN,
  METRIC_NODEJS_EVENTLOOP_DELAY_MIN,
  METRIC_NODEJS_EVENTLOOP_DELAY_P50,
  METRIC_NODEJS_EVENTLOOP_DELAY_P90,
  METRIC_NODEJS_EVENTLOOP_DELAY_P99,
  METRIC_NODEJS_EVENTLOOP_DELAY_STDDEV,
  METRIC_NODEJS_EVENTLOOP_TIME,
  METRIC_NODEJS_EVENTLOOP_UTILIZATION,
} from './runtime-semconv.js';
import { RuntimeWindow } from './runtime-window.js';
import type { RuntimeCollector, RuntimeCollectorOptions } from './runtime-collector.js';

type Delay = { min: number; max: number; mean: number; stddev: number; p50: number; p90: number; p99: number };

const ACTIVE = Object.freeze({ [ATTR_NODEJS_EVENTLOOP_STATE]: 'active' });
const IDLE = Object.freeze({ [ATTR_NODEJS_EVENTLOOP_STATE]: 'idle' });
/** Nanoseconds to seconds; NaN (no sample yet) to 0, as the contrib package reports it. */
const seconds = (ns: number) => (Number.isFinite(ns) ? ns / 1e9 : 0);

/**
 * `nodejs.eventloop.*`: delay statistics from `perf_hooks.monitorEventLoopDelay` over the current
 * window (the histogram restarts with each window), utilization over the window, and cumulative
 * active and idle time from `performance.eventLoopUtilization()`.
 */
export function eventLoopCollector(meter: Meter, options: RuntimeCollectorOptions): RuntimeCollector {
  const histogram = monitorEventLoopDelay({ resolution: options.eventLoopResolutionMs });
  histogram.enable();
  const delay = new RuntimeWindow<Delay | undefined>(
    () => {
      // Fewer than a few samples say nothing yet (the contrib package waits for 5 too); they are
      // kept for the next collection rather than reset away.
      if (histogram.count < 5) return undefined;
      const snapshot = {
        min: seconds(histogram.min),
        max: seconds(histogram.max),
        mean: seconds(histogram.mean),
        stddev: seconds(histogram.stddev),
        p50: seconds(histogram.percentile(50)),
        p90: seconds(histogram.percentile(90)),
        p99: seconds(histogram.percentile(99)),
      };
      histogram.reset();
      return snapshot;
    },
    options.now,
    options.minWindowMs,
  );
  let previous: EventLoopUtilization = performance.eventLoopUtilization();
  const utilization = new RuntimeWindow<number>(
    () => {
      const current = performance.eventLoopUtilization();
      const value = performance.eventLoopUtilization(current, previous).utilization;
      previous = current;
      return value;
    },
    options.now,
    options.minWindowMs,
  );
  const gauges = (
    [
      [METRIC_NODEJS_EVENTLOOP_DELAY_MIN, 'min', 'Event loop minimum delay.'],
      [METRIC_NODEJS_EVENTLOOP_DELAY_MAX, 'max', 'Event loop maximum delay.'],
      [METRIC_NODEJS_EVENTLOOP_DELAY_MEAN, 'mean', 'Event loop mean delay.'],
      [METRIC_NODEJS_EVENTLOOP_DELAY_STDDEV, 'stddev', 'Event loop standard deviation delay.'],
      [METRIC_NODEJS_EVENTLOOP_DELAY_P50, 'p50', 'Event loop 50 percentile delay.'],
      [METRIC_NODEJS_EVENTLOOP_DELAY_P90, 'p90', 'Event loop 90 percentile delay.'],
      [METRIC_NODEJS_EVENTLOOP_DELAY_P99, 'p99', 'Event loop 99 percentile delay.'],
    ] as const
  ).map(([name, key, description]) => ({ key, gauge: meter.createObservableGauge(name, { description, unit: 's' }) }));
  const utilizationGauge = meter.createObservableGauge(METRIC_NODEJS_EVENTLOOP_UTILIZATION, { description: 'Event loop utilization.', unit: '1' });
  const time = meter.createObservableCounter(METRIC_NODEJS_EVENTLOOP_TIME, { description: 'Cumulative duration of time the event loop has been in each state.', unit: 's' });
  const observables = [...gauges.map((g) => g.gauge), utilizationGauge, time];
  const callback = (result: Parameters<Parameters<Meter['addBatchObservableCallback']>[0]>[0]) => {
    const stats = delay.current();
    if (stats !== undefined) for (const { key, gauge } of gauges) result.observe(gauge, stats[key]);
    result.observe(utilizationGauge, utilization.current());
    const total = performance.eventLoopUtilization();
    result.observe(time, total.active / 1000, ACTIVE);
    result.observe(time, total.idle / 1000, IDLE);
  };
  meter.addBatchObservableCallback(callback, observables);
  return {
    stop: () => {
      histogram.disable();
      meter.removeBatchObservableCallback(callback, observables);
    },
  };
}
