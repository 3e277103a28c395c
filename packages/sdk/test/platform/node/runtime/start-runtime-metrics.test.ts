import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RUNTIME_METER_NAME, startRuntimeMetrics } from '@mcp-otel/sdk';
import { runtimeHarness } from './collect-runtime.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Blocks the event loop for `ms`, as a CPU-bound tool call would. */
function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}
/** Lets the delay monitor's timer run after a block (an immediate may come before the timers phase). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 25));

describe('startRuntimeMetrics', () => {
  // Found by the Node 24 leg under load: a collection before the delay monitor had 5 samples
  // started a window with no delay values (and reset the samples), so the delay gauges stayed
  // missing for the whole window (a minute by default in the first OTLP interval).
  it('a collection before there are delay samples does not cost the window its delay values', async () => {
    const harness = runtimeHarness();
    const runtime = startRuntimeMetrics(harness.provider, { minWindowMs: 60_000, eventLoopResolutionMs: 1 });
    try {
      const early = await harness.collect();
      expect(early.has('nodejs.eventloop.delay.p99')).toBe(false);
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 2));
      block(20);
      await settle();
      expect((await harness.collect()).get('nodejs.eventloop.delay.p99')?.points).toHaveLength(1);
    } finally {
      runtime.stop();
      await harness.shutdown();
    }
  });

  it('emits the semantic-convention runtime metrics with their units, instruments and attributes', async () => {
    const harness = runtimeHarness();
    // A window longer than the test: the first collection takes it, the polls below reuse it.
    const runtime = startRuntimeMetrics(harness.provider, { minWindowMs: 60_000 });
    try {
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 2)); // event loop samples
      block(60);
      await settle();
      gc();
      // GC entries reach the PerformanceObserver asynchronously.
      const sawMajorGc = (m: Awaited<ReturnType<typeof harness.collect>>) => m.get('v8js.gc.duration')?.points.some((p) => p.attributes['v8js.gc.type'] === 'major') === true;
      let metrics = await harness.collect();
      // A minor collection may be observed first: wait for the major one gc() ran (and, on a loaded
      // machine, for the delay monitor's fifth sample).
      const sawDelay = (m: typeof metrics) => m.has('nodejs.eventloop.delay.p99');
      for (let i = 0; i < 100 && !(sawMajorGc(metrics) && sawDelay(metrics)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        metrics = await harness.collect();
      }
      const shape = [...metrics.values()].map((m) => `${m.name} ${m.type} ${m.unit} [${[...new Set(m.points.flatMap((p) => Object.keys(p.attributes)))].join(',')}]`).sort();
      expect(shape).toEqual([
        'nodejs.eventloop.delay.max OBSERVABLE_GAUGE s []',
        'nodejs.eventloop.delay.mean OBSERVABLE_GAUGE s []',
        'nodejs.eventloop.delay.min OBSERVABLE_GAUGE s []',
        'nodejs.eventloop.delay.p50 OBSERVABLE_GAUGE s []',
        'nodejs.eventloop.delay.p90 OBSERVABLE_GAUGE s []',
        'nodejs.eventloop.delay.p99 OBSERVABLE_GAUGE s []',
        'nodejs.eventloop.delay.stddev OBSERVABLE_GAUGE s []',
        'nodejs.eventloop.time OBSERVABLE_COUNTER s [nodejs.eventloop.state]',
        'nodejs.eventloop.utilization OBSERVABLE_GAUGE 1 []',
        'process.context_switches OBSERVABLE_COUNTER {context_switch} [process.context_switch.type]',
        'process.cpu.time OBSERVABLE_COUNTER s [cpu.mode]',
        'process.cpu.utilization OBSERVABLE_GAUGE 1 [cpu.mode]',
        'process.memory.usage OBSERVABLE_UP_DOWN_COUNTER By []',
        'process.paging.faults OBSERVABLE_COUNTER {fault} [system.paging.fault.type]',
        'process.uptime OBSERVABLE_GAUGE s []',
        'v8js.gc.duration HISTOGRAM s [v8js.gc.type]',
        'v8js.memory.heap.space.available_size OBSERVABLE_UP_DOWN_COUNTER By [v8js.heap.space.name]',
        'v8js.memory.heap.space.physical_size OBSERVABLE_UP_DOWN_COUNTER By [v8js.heap.space.name]',
        'v8js.memory.heap.space.size OBSERVABLE_UP_DOWN_COUNTER By [v8js.heap.space.name]',
        'v8js.memory.heap.used OBSERVABLE_UP_DOWN_COUNTER By [v8js.heap.space.name]',
        'v8js.resource.active OBSERVABLE_GAUGE {resource} [v8js.resource.type]',
      ]);
      expect(new Set([...metrics.values()].map((m) => m.scope))).toEqual(new Set([RUNTIME_METER_NAME]));

      // Values that the runtime itself confirms.
      const value = (name: string, attributes: Record<string, unknown> = {}) =>
        metrics.get(name)!.points.find((p) => Object.entries(attributes).every(([k, v]) => p.attributes[k] === v))!;
      expect(value('nodejs.eventloop.delay.max').value).toBeGreaterThanOrEqual(0.05); // the 60 ms block
      expect(value('nodejs.eventloop.delay.min').value).toBeLessThanOrEqual(value('nodejs.eventloop.delay.max').value);
      expect(value('nodejs.eventloop.utilization').value).toBeGreaterThan(0);
      expect(value('nodejs.eventloop.utilization').value).toBeLessThanOrEqual(1);
      expect(value('nodejs.eventloop.time', { 'nodejs.eventloop.state': 'active' }).value).toBeGreaterThan(0.05);
      expect(value('v8js.gc.duration', { 'v8js.gc.type': 'major' }).count).toBeGreaterThanOrEqual(1);
      const spaces = metrics.get('v8js.memory.heap.used')!.points.map((p) => p.attributes['v8js.heap.space.name']);
      expect(spaces).toEqual(expect.arrayContaining(['new_space', 'old_space', 'code_space', 'large_object_space']));
      const used = metrics.get('v8js.memory.heap.used')!.points.reduce((sum, p) => sum + p.value, 0);
      expect(Math.abs(used - process.memoryUsage().heapUsed) / used).toBeLessThan(0.25);
      expect(value('process.memory.usage').value).toBeGreaterThan(used);
      expect(value('process.cpu.time', { 'cpu.mode': 'user' }).value).toBeGreaterThanOrEqual(0.06);
      expect(value('process.uptime').value).toBeCloseTo(process.uptime(), 0);
      expect(value('v8js.resource.active', { 'v8js.resource.type': 'Immediate' }) ?? value('v8js.resource.active')).toBeDefined();
    } finally {
      runtime.stop();
      await harness.shutdown();
    }
  });

  it('shares one window between readers that collect together, and starts a new one after minWindowMs', async () => {
    const harness = runtimeHarness();
    let clock = 0;
    const runtime = startRuntimeMetrics(harness.provider, { minWindowMs: 1000, now: () => clock });
    try {
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 12));
      block(80);
      await settle();
      const first = (await harness.collect()).get('nodejs.eventloop.delay.max')!.points[0]!.value;
      expect(first).toBeGreaterThanOrEqual(0.07);
      clock += 500; // within the window: the same snapshot, although the monitor was reset
      const again = (await harness.collect()).get('nodejs.eventloop.delay.max')?.points[0]?.value;
      expect(again).toBe(first);
      clock += 600; // a new window, with only short samples since the reset
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 12));
      const next = (await harness.collect()).get('nodejs.eventloop.delay.max')!.points[0]!.value;
      expect(next).toBeLessThan(first);
    } finally {
      runtime.stop();
      await harness.shutdown();
    }
  });

  it('stops: the monitors and callbacks are gone, twice is fine', async () => {
    const harness = runtimeHarness();
    const runtime = startRuntimeMetrics(harness.provider);
    runtime.stop();
    runtime.stop();
    const metrics = await harness.collect();
    expect([...metrics.keys()].filter((name) => !name.startsWith('v8js.gc'))).toEqual([]);
    await harness.shutdown();
  });
});
