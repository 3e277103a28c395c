import type { Meter, MeterProvider as ApiMeterProvider, ObservableCallback } from '@opentelemetry/api';
import { FLUSH_HOOK_NAME } from '../../src/facade/cell-flusher';
import { createMetricsFacade } from '../../src/facade/create-metrics-facade';
import { metrics } from '../../src/facade/metrics';
import { setFacadeProvider } from '../../src/facade/provider-registry';
import { captureDiag, createTestProvider, findMetric, pointsOf } from './support/metrics-test-kit';

const valueOf = async (target: ReturnType<typeof createTestProvider>, name: string): Promise<unknown> =>
  pointsOf(await target.collect(), name)[0]?.value;

describe('CellFlusher (module-level facade across providers)', () => {
  afterEach(() => setFacadeProvider(undefined));

  it('writes what handles hold into the provider they recorded under, at the switch', async () => {
    const calls = metrics.counter('flush.switch', { tool: 'search' });
    const depth = metrics.upDownCounter('flush.switch.depth');
    const load = metrics.gauge('flush.switch.load');
    const first = createTestProvider();
    setFacadeProvider(first.provider);
    calls.increment();
    calls.increment(2); // held in the cell
    depth.add(5);
    depth.add(-2);
    load.set(1);
    load.set(2);
    const second = createTestProvider();
    setFacadeProvider(second.provider);
    calls.increment(10);
    load.set(3);

    expect(await valueOf(first, 'flush.switch')).toBe(3);
    expect(await valueOf(first, 'flush.switch.depth')).toBe(3);
    expect(await valueOf(first, 'flush.switch.load')).toBe(2);
    expect(await valueOf(second, 'flush.switch')).toBe(10);
    expect(await valueOf(second, 'flush.switch.load')).toBe(3);
    expect(findMetric(await second.collect(), 'flush.switch.depth')).toBeUndefined();
  });

  it('drops what was recorded while there was no provider, and starts each provider from zero', async () => {
    const calls = metrics.counter('flush.gap');
    const first = createTestProvider();
    setFacadeProvider(first.provider);
    calls.increment();
    calls.increment(4);
    setFacadeProvider(undefined); // as a handle's shutdown() does, before provider.shutdown()
    expect(await valueOf(first, 'flush.gap')).toBe(5);
    calls.increment(100);
    calls.increment(100);
    const second = createTestProvider();
    setFacadeProvider(second.provider);
    calls.increment();
    expect(await valueOf(second, 'flush.gap')).toBe(1);
    expect(await valueOf(first, 'flush.gap')).toBe(5);
  });

  it('keeps counting into a provider that is set again, without counting anything twice', async () => {
    const calls = metrics.counter('flush.again');
    const first = createTestProvider();
    const second = createTestProvider();
    setFacadeProvider(first.provider);
    calls.increment();
    calls.increment();
    expect(await valueOf(first, 'flush.again')).toBe(2);
    setFacadeProvider(second.provider);
    calls.increment(7);
    setFacadeProvider(first.provider);
    calls.increment(3);
    calls.increment(3);
    expect(await valueOf(first, 'flush.again')).toBe(8);
    expect(await valueOf(first, 'flush.again')).toBe(8);
    expect(await valueOf(second, 'flush.again')).toBe(7);
  });
});

describe('CellFlusher (collection hook)', () => {
  let logs: ReturnType<typeof captureDiag>;
  beforeEach(() => (logs = captureDiag()));
  afterEach(() => logs.restore());

  it('flushes at every collection of every reader, never exports its hook, and warns about nothing', async () => {
    const target = createTestProvider([{ instrumentName: '*' }]);
    const facade = createMetricsFacade(target.provider);
    const other = createMetricsFacade(target.provider); // a second facade on the same meter
    const calls = facade.counter('hook.calls');
    calls.increment();
    calls.increment();
    other.counter('hook.calls').increment(5);
    const first = await target.collect();
    calls.increment(10);
    const second = await target.collect();
    const third = await target.collect();

    expect(pointsOf(first, 'hook.calls')[0]!.value).toBe(7);
    expect(pointsOf(second, 'hook.calls')[0]!.value).toBe(17);
    expect(pointsOf(third, 'hook.calls')[0]!.value).toBe(17);
    for (const collected of [first, second, third]) expect(findMetric(collected, FLUSH_HOOK_NAME)).toBeUndefined();
    expect(logs.warnings).toEqual([]);
    expect(logs.errors).toEqual([]);
  });

  it('never throws out of a collection when writing a held value fails, and warns once', () => {
    const callbacks: ObservableCallback[] = [];
    const meter = {
      createCounter: () => ({
        // Fails on the values the flush writes (the held sums), not on the written-through 1s.
        add: (value: number) => {
          if (value > 1) throw new Error('add failed');
        },
      }),
      createObservableGauge: () => ({ addCallback: (callback: ObservableCallback) => callbacks.push(callback) }),
    } as unknown as Meter;
    const provider: ApiMeterProvider = { getMeter: () => meter };
    const calls = createMetricsFacade(provider).counter('failing');
    calls.increment(); // written through: the first of the interval
    calls.increment(2); // held
    const observe = (): unknown => callbacks[0]!({ observe: () => undefined });
    expect(callbacks).toHaveLength(1);
    expect(observe).not.toThrow();
    calls.increment();
    calls.increment(5);
    expect(observe).not.toThrow();
    expect(logs.warnings.filter((w) => w.includes('add failed'))).toHaveLength(1);
  });
});
