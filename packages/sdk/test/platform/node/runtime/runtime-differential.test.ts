import { RuntimeNodeInstrumentation } from '@opentelemetry/instrumentation-runtime-node';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startRuntimeMetrics } from '@mcp-otel/sdk';
import type { RuntimeMetric } from './collect-runtime.js';
import { runtimeHarness } from './collect-runtime.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Where the contrib package (0.36.1, the newest that runs on Node 20 with SDK 2.x) and the
 * conventions disagree, we follow the conventions: these three are UpDownCounters in
 * model/v8js/metrics.yaml; the contrib package creates them as gauges.
 */
const CONVENTION_OVER_CONTRIB: Record<string, [ours: string, contrib: string]> = {
  'v8js.memory.heap.used': ['OBSERVABLE_UP_DOWN_COUNTER', 'OBSERVABLE_GAUGE'],
  'v8js.memory.heap.space.available_size': ['OBSERVABLE_UP_DOWN_COUNTER', 'OBSERVABLE_GAUGE'],
  'v8js.memory.heap.space.physical_size': ['OBSERVABLE_UP_DOWN_COUNTER', 'OBSERVABLE_GAUGE'],
};

const keysOf = (m: RuntimeMetric) => [...new Set(m.points.flatMap((p) => Object.keys(p.attributes)))].sort();
const valuesOf = (m: RuntimeMetric, key: string) => [...new Set(m.points.map((p) => p.attributes[key]))].sort();

describe('Node runtime metrics, differential against @opentelemetry/instrumentation-runtime-node 0.36.1', () => {
  it('emits every metric the contrib package emits, with the same name, unit, attribute keys and values', async () => {
    const ours = runtimeHarness();
    const theirs = runtimeHarness();
    const runtime = startRuntimeMetrics(ours.provider, { minWindowMs: 60_000 });
    const contrib = new RuntimeNodeInstrumentation({ monitoringPrecision: 10 });
    contrib.setMeterProvider(theirs.provider);
    contrib.enable();
    try {
      for (let i = 0; i < 15; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const [a, b] = [await ours.collect(), await theirs.collect()];
      expect(b.size).toBeGreaterThan(10);
      for (const [name, expected] of b) {
        const actual = a.get(name);
        expect([name, actual === undefined ? 'missing' : 'present']).toEqual([name, 'present']);
        const [ourType, theirType] = CONVENTION_OVER_CONTRIB[name] ?? [expected.type, expected.type];
        expect([name, actual!.unit, actual!.type]).toEqual([name, expected.unit, ourType]);
        expect([name, expected.type]).toEqual([name, theirType]);
        expect([name, keysOf(actual!)]).toEqual([name, keysOf(expected)]);
        for (const key of keysOf(expected)) {
          if (key === 'v8js.resource.type') continue; // resources alive differ from one moment to the next
          expect([name, key, valuesOf(actual!, key)]).toEqual([name, key, valuesOf(expected, key)]);
        }
      }
      // What only we emit: process.* (the contrib package leaves them to host-metrics, which needs systeminformation).
      expect([...a.keys()].filter((name) => !b.has(name)).sort()).toEqual([
        'process.context_switches',
        'process.cpu.time',
        'process.cpu.utilization',
        'process.memory.usage',
        'process.paging.faults',
        'process.uptime',
      ]);
      // Heap statistics read at the same moment agree.
      const heap = (m: Map<string, RuntimeMetric>) => m.get('v8js.memory.heap.space.size')!.points.reduce((sum, p) => sum + p.value, 0);
      expect(Math.abs(heap(a) - heap(b)) / heap(b)).toBeLessThan(0.1);
    } finally {
      contrib.disable();
      runtime.stop();
      await ours.shutdown();
      await theirs.shutdown();
    }
  });
});
