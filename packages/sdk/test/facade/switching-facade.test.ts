import type { Meter, MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import { createMetricsFacade } from '../../src/facade/metrics-facade';
import { metrics } from '../../src/facade/metrics';
import { setFacadeProvider } from '../../src/facade/provider-registry';
import { resolvedConfig } from '../support/resolved-config';
import { captureDiag, createTestProvider, findMetric, pointsOf } from './support/metrics-test-kit';
import { createPipelinePair, type NormalizedMetric } from './support/differential';

const valueOf = async (target: ReturnType<typeof createTestProvider>, name: string): Promise<unknown> => pointsOf(await target.collect(), name)[0]?.value;

describe('the module-level facade across providers', () => {
  afterEach(() => setFacadeProvider(undefined));

  it('keeps what handles recorded with the provider they recorded under, at the switch', async () => {
    const calls = metrics.counter('switch.calls', { tool: 'search' });
    const depth = metrics.upDownCounter('switch.depth');
    const load = metrics.gauge('switch.load');
    const first = createTestProvider();
    setFacadeProvider(first.provider);
    calls.increment();
    calls.increment(2);
    depth.add(5);
    depth.add(-2);
    load.set(1);
    load.set(2);
    const second = createTestProvider();
    setFacadeProvider(second.provider);
    calls.increment(10);
    load.set(3);

    expect(await valueOf(first, 'switch.calls')).toBe(3);
    expect(await valueOf(first, 'switch.depth')).toBe(3);
    expect(await valueOf(first, 'switch.load')).toBe(2);
    expect(await valueOf(second, 'switch.calls')).toBe(10);
    expect(await valueOf(second, 'switch.load')).toBe(3);
    expect(findMetric(await second.collect(), 'switch.depth')).toBeUndefined();
  });

  it('drops what was recorded while there was no provider, and starts each provider from zero', async () => {
    const calls = metrics.counter('switch.gap');
    const first = createTestProvider();
    setFacadeProvider(first.provider);
    calls.increment();
    calls.increment(4);
    setFacadeProvider(undefined); // as a handle's shutdown() does, before provider.shutdown()
    expect(await valueOf(first, 'switch.gap')).toBe(5);
    calls.increment(100);
    calls.increment(100);
    const second = createTestProvider();
    setFacadeProvider(second.provider);
    calls.increment();
    expect(await valueOf(second, 'switch.gap')).toBe(1);
    expect(await valueOf(first, 'switch.gap')).toBe(5);
  });

  it('keeps counting into a provider that is set again, without counting anything twice', async () => {
    const calls = metrics.counter('switch.again');
    const first = createTestProvider();
    const second = createTestProvider();
    setFacadeProvider(first.provider);
    calls.increment();
    calls.increment();
    expect(await valueOf(first, 'switch.again')).toBe(2);
    setFacadeProvider(second.provider);
    calls.increment(7);
    setFacadeProvider(first.provider);
    calls.increment(3);
    calls.increment(3);
    expect(await valueOf(first, 'switch.again')).toBe(8);
    expect(await valueOf(first, 'switch.again')).toBe(8);
    expect(await valueOf(second, 'switch.again')).toBe(7);
  });

  it('on pipelines with our series: values stay with the pipeline they were recorded under', async () => {
    const pairs = [createPipelinePair(true, resolvedConfig()), createPipelinePair(true, resolvedConfig())];
    const kept = metrics.counter('jobs', { tool: 'a' });
    setFacadeProvider(pairs[0]!.provider);
    kept.add(2);
    kept.add(3);
    metrics.upDownCounter('depth').add(-4);
    setFacadeProvider(pairs[1]!.provider);
    kept.add(10);
    metrics.counter('jobs', { tool: 'b' }).add(1);
    metrics.upDownCounter('depth').add(1);
    kept.add(5);
    const values = (collected: NormalizedMetric[]) => collected.map((m) => [m.name, m.points.map((p) => [p.attributes, p.value])]);
    try {
      expect(values(await pairs[0]!.collect('cumulative'))).toEqual([
        ['depth', [[{}, -4]]],
        ['jobs', [[{ tool: 'a' }, 5]]],
      ]);
      expect(values(await pairs[1]!.collect('cumulative'))).toEqual([
        ['depth', [[{}, 1]]],
        ['jobs', [[{ tool: 'a' }, 15], [{ tool: 'b' }, 1]]],
      ]);
      // Recording after the change never reaches the old pipeline.
      kept.add(100);
      expect(values(await pairs[0]!.collect('delta'))).toEqual([
        ['depth', [[{}, -4]]],
        ['jobs', [[{ tool: 'a' }, 5]]],
      ]);
      expect(values(await pairs[0]!.collect('delta'))).toEqual([]);
      expect(values(await pairs[1]!.collect('cumulative'))).toEqual([
        ['depth', [[{}, 1]]],
        ['jobs', [[{ tool: 'a' }, 115], [{ tool: 'b' }, 1]]],
      ]);
    } finally {
      await Promise.all(pairs.map((pair) => pair.provider.shutdown()));
    }
  });

  it('returns the same handle for the same instrument and attributes, whatever the key order', () => {
    expect(metrics.counter('c', { a: '1', b: 2 })).toBe(metrics.counter('c', { b: 2, a: '1' }));
    expect(metrics.counter('c', {})).toBe(metrics.counter('c'));
    expect(metrics.counter('c', { a: '1' })).not.toBe(metrics.counter('c', { a: 1 }));
    expect(metrics.counter('c').name).toBe('c');
  });
});

describe('plain handles (on a provider mcp-otel does not aggregate)', () => {
  let logs: ReturnType<typeof captureDiag>;
  beforeEach(() => (logs = captureDiag()));
  afterEach(() => logs.restore());

  it('record at every call into one stream shared by every facade of the provider, stable across collections', async () => {
    const target = createTestProvider([{ instrumentName: '*' }]);
    const facade = createMetricsFacade(target.provider);
    const other = createMetricsFacade(target.provider);
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
    expect(logs.warnings).toEqual([]);
    expect(logs.errors).toEqual([]);
  });

  it('never throw into the host when the OTel instrument throws, and warn once', () => {
    const meter = {
      createCounter: () => ({
        add: () => {
          throw new Error('add failed');
        },
      }),
    } as unknown as Meter;
    const provider: ApiMeterProvider = { getMeter: () => meter };
    const calls = createMetricsFacade(provider).counter('failing');
    expect(() => calls.increment()).not.toThrow();
    expect(() => calls.increment(5)).not.toThrow();
    expect(logs.warnings.filter((w) => w.includes('add failed'))).toHaveLength(1);
  });
});
