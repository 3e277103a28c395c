/**
 * Node.js runtime metric names copied from the OpenTelemetry semantic conventions
 * (`model/nodejs`, `model/v8js`, `model/process`; docs/runtime/nodejs-metrics.md, v8js-metrics.md,
 * docs/system/process-metrics.md), the same names `@opentelemetry/instrumentation-runtime-node`
 * emits. Copied instead of imported from `@opentelemetry/semantic-conventions/incubating`: the
 * Node.js and V8 conventions are in Development, and unstable names are never imported at run time.
 * A test holds each constant against docs/metrics.md; a differential test against the contrib package.
 *
 * @experimental
 * @module
 */

/** Gauge, `s`: event loop minimum delay (`monitorEventLoopDelay().min`). */
export const METRIC_NODEJS_EVENTLOOP_DELAY_MIN = 'nodejs.eventloop.delay.min';
/** Gauge, `s`: event loop maximum delay. */
export const METRIC_NODEJS_EVENTLOOP_DELAY_MAX = 'nodejs.eventloop.delay.max';
/** Gauge, `s`: event loop mean delay. */
export const METRIC_NODEJS_EVENTLOOP_DELAY_MEAN = 'nodejs.eventloop.delay.mean';
/** Gauge, `s`: event loop standard deviation of the delay. */
export const METRIC_NODEJS_EVENTLOOP_DELAY_STDDEV = 'nodejs.eventloop.delay.stddev';
/** Gauge, `s`: event loop 50th percentile delay. */
export const METRIC_NODEJS_EVENTLOOP_DELAY_P50 = 'nodejs.eventloop.delay.p50';
/** Gauge, `s`: event loop 90th percentile delay. */
export const METRIC_NODEJS_EVENTLOOP_DELAY_P90 = 'nodejs.eventloop.delay.p90';
/** Gauge, `s`: event loop 99th percentile delay. */
export const METRIC_NODEJS_EVENTLOOP_DELAY_P99 = 'nodejs.eventloop.delay.p99';
/** Gauge, `1`: event loop utilization, 0..1 (`performance.eventLoopUtilization()`). */
export const METRIC_NODEJS_EVENTLOOP_UTILIZATION = 'nodejs.eventloop.utilization';
/** Counter, `s`: cumulative time the event loop spent in each state. */
export const METRIC_NODEJS_EVENTLOOP_TIME = 'nodejs.eventloop.time';
/** Histogram, `s`: garbage collection duration (`PerformanceObserver` entries of type `gc`). */
export const METRIC_V8JS_GC_DURATION = 'v8js.gc.duration';
/** UpDownCounter, `By`: heap memory allocated, per heap space (`space_used_size`). */
export const METRIC_V8JS_MEMORY_HEAP_USED = 'v8js.memory.heap.used';
/** UpDownCounter, `By`: heap memory pre-allocated for a heap space (`space_size`). */
export const METRIC_V8JS_MEMORY_HEAP_SPACE_SIZE = 'v8js.memory.heap.space.size';
/** UpDownCounter, `By`: heap space available size (`space_available_size`). */
export const METRIC_V8JS_MEMORY_HEAP_SPACE_AVAILABLE_SIZE = 'v8js.memory.heap.space.available_size';
/** UpDownCounter, `By`: committed size of a heap space (`physical_space_size`). */
export const METRIC_V8JS_MEMORY_HEAP_SPACE_PHYSICAL_SIZE = 'v8js.memory.heap.space.physical_size';
/** Gauge, `{resource}`: active resources keeping the event loop alive (`process.getActiveResourcesInfo()`). */
export const METRIC_V8JS_RESOURCE_ACTIVE = 'v8js.resource.active';
/** Counter, `s`: total CPU seconds of the process by CPU mode (`process.cpuUsage()`). */
export const METRIC_PROCESS_CPU_TIME = 'process.cpu.time';
/** Gauge, `1`: CPU time since the last measurement over elapsed time times available CPUs. */
export const METRIC_PROCESS_CPU_UTILIZATION = 'process.cpu.utilization';
/** UpDownCounter, `By`: physical memory in use (resident set size). */
export const METRIC_PROCESS_MEMORY_USAGE = 'process.memory.usage';
/** Gauge, `s`: time the process has been running. */
export const METRIC_PROCESS_UPTIME = 'process.uptime';
/** Counter, `{context_switch}`: times the process was context switched, by type. */
export const METRIC_PROCESS_CONTEXT_SWITCHES = 'process.context_switches';
/** Counter, `{fault}`: page faults of the process, by type. */
export const METRIC_PROCESS_PAGING_FAULTS = 'process.paging.faults';

/** `active` or `idle`. */
export const ATTR_NODEJS_EVENTLOOP_STATE = 'nodejs.eventloop.state';
/** `major`, `minor`, `incremental` or `weakcb`. */
export const ATTR_V8JS_GC_TYPE = 'v8js.gc.type';
/** The V8 heap space, e.g. `new_space`, `old_space`, `code_space`, `large_object_space`. */
export const ATTR_V8JS_HEAP_SPACE_NAME = 'v8js.heap.space.name';
/** The resource type, e.g. `Timeout`, `TCPWrap`, `FSReqCallback`. */
export const ATTR_V8JS_RESOURCE_TYPE = 'v8js.resource.type';
/** CPU mode: `user` or `system`. */
export const ATTR_CPU_MODE = 'cpu.mode';
/** `voluntary` or `involuntary`. */
export const ATTR_PROCESS_CONTEXT_SWITCH_TYPE = 'process.context_switch.type';
/** `major` or `minor`. */
export const ATTR_SYSTEM_PAGING_FAULT_TYPE = 'system.paging.fault.type';

/** Bucket advice (seconds) of `v8js.gc.duration`: the boundaries `@opentelemetry/instrumentation-runtime-node` uses. */
export const GC_DURATION_BUCKETS: readonly number[] = Object.freeze([0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]);
