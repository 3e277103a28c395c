import type { BatchObservableCallback, Meter } from '@opentelemetry/api';
import { availableParallelism } from 'node:os';
import {
  ATTR_CPU_MODE,
  ATTR_PROCESS_CONTEXT_SWITCH_TYPE,
  ATTR_SYSTEM_PAGING_FAULT_TYPE,
  METRIC_PROCESS_CONTEXT_SWITCHES,
  METRIC_PROCESS_CPU_TIME,
  METRIC_PROCESS_CPU_UTILIZATION,
  METRIC_PROCESS_MEMORY_USAGE,
  METRIC_PROCESS_PAGING_FAULTS,
  METRIC_PROCESS_UPTIME,
} from './runtime-semconv.js';
import { RuntimeWindow } from './runtime-window.js';
import type { RuntimeCollector, RuntimeCollectorOptions } from './runtime-collector.js';

const USER = Object.freeze({ [ATTR_CPU_MODE]: 'user' });
const SYSTEM = Object.freeze({ [ATTR_CPU_MODE]: 'system' });
const VOLUNTARY = Object.freeze({ [ATTR_PROCESS_CONTEXT_SWITCH_TYPE]: 'voluntary' });
const INVOLUNTARY = Object.freeze({ [ATTR_PROCESS_CONTEXT_SWITCH_TYPE]: 'involuntary' });
const MAJOR = Object.freeze({ [ATTR_SYSTEM_PAGING_FAULT_TYPE]: 'major' });
const MINOR = Object.freeze({ [ATTR_SYSTEM_PAGING_FAULT_TYPE]: 'minor' });

/**
 * `process.*` from Node itself: CPU time by mode (`process.cpuUsage()`), CPU utilization over the
 * window, resident memory (`process.memoryUsage.rss()`), uptime, context switches and page faults
 * (`process.resourceUsage()`). Read at collection; nothing runs in between.
 */
export function processCollector(meter: Meter, options: RuntimeCollectorOptions): RuntimeCollector {
  const cpuTime = meter.createObservableCounter(METRIC_PROCESS_CPU_TIME, { description: 'Total CPU seconds broken down by different CPU modes.', unit: 's' });
  const cpuUtilization = meter.createObservableGauge(METRIC_PROCESS_CPU_UTILIZATION, {
    description: 'Difference in process.cpu.time since the last measurement, divided by the elapsed time and number of CPUs available to the process.',
    unit: '1',
  });
  const memory = meter.createObservableUpDownCounter(METRIC_PROCESS_MEMORY_USAGE, { description: 'The amount of physical memory in use.', unit: 'By' });
  const uptime = meter.createObservableGauge(METRIC_PROCESS_UPTIME, { description: 'The time the process has been running.', unit: 's' });
  const switches = meter.createObservableCounter(METRIC_PROCESS_CONTEXT_SWITCHES, { description: 'Number of times the process has been context switched.', unit: '{context_switch}' });
  const faults = meter.createObservableCounter(METRIC_PROCESS_PAGING_FAULTS, { description: 'Number of page faults the process has made.', unit: '{fault}' });
  const cpus = Math.max(1, availableParallelism());
  let previous = { at: options.now(), usage: process.cpuUsage() };
  const utilization = new RuntimeWindow(
    () => {
      const current = { at: options.now(), usage: process.cpuUsage() };
      const elapsedUs = (current.at - previous.at) * 1000 * cpus;
      const delta = process.cpuUsage(previous.usage);
      previous = current;
      return elapsedUs <= 0 ? undefined : { user: delta.user / elapsedUs, system: delta.system / elapsedUs };
    },
    options.now,
    options.minWindowMs,
  );
  const observables = [cpuTime, cpuUtilization, memory, uptime, switches, faults];
  const callback: BatchObservableCallback = (result) => {
    const cpu = process.cpuUsage();
    result.observe(cpuTime, cpu.user / 1e6, USER);
    result.observe(cpuTime, cpu.system / 1e6, SYSTEM);
    const ratio = utilization.current();
    if (ratio !== undefined) {
      result.observe(cpuUtilization, ratio.user, USER);
      result.observe(cpuUtilization, ratio.system, SYSTEM);
    }
    result.observe(memory, process.memoryUsage.rss());
    result.observe(uptime, process.uptime());
    const usage = process.resourceUsage();
    result.observe(switches, usage.voluntaryContextSwitches, VOLUNTARY);
    result.observe(switches, usage.involuntaryContextSwitches, INVOLUNTARY);
    result.observe(faults, usage.majorPageFault, MAJOR);
    result.observe(faults, usage.minorPageFault, MINOR);
  };
  meter.addBatchObservableCallback(callback, observables);
  return { stop: () => meter.removeBatchObservableCallback(callback, observables) };
}
