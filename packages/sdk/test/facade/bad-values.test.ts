import type { Histogram } from '@opentelemetry/sdk-metrics';
import { createMetricsFacade } from '../../src/facade/metrics-facade';
import { captureDiag, createTestProvider, findMetric, pointsOf } from './support/metrics-test-kit';

/** Calls `record` with each bad value twice; returns the warnings about `metric`. */
function feed(record: (value: number) => void, values: unknown[]): void {
  for (let round = 0; round < 2; round++) for (const value of values) record(value as number);
}

describe('bad values on the recording path (plain handles)', () => {
  let logs: ReturnType<typeof captureDiag>;
  beforeEach(() => (logs = captureDiag()));
  afterEach(() => logs.restore());

  const about = (metric: string): string[] => logs.warnings.filter((w) => w.includes(`"${metric}"`));

  it('drops NaN, Infinity, negative and non-number counter increments, warning once per problem', async () => {
    const { provider, collect } = createTestProvider();
    const counter = createMetricsFacade(provider).counter('requests');
    counter.increment(2);
    expect(() => feed((v) => counter.increment(v), [Number.NaN, Infinity, -Infinity, -1, '5', null, {}])).not.toThrow();
    expect(() => feed((v) => counter.add(v), [Number.NaN, -1])).not.toThrow();
    counter.increment(3);

    expect(pointsOf(await collect(), 'requests')[0]!.value).toBe(5);
    const warnings = about('requests');
    // NaN, infinite (both signs: one problem), negative, not-a-number (string, null, object: one problem).
    expect(warnings).toHaveLength(4);
    expect(warnings.find((w) => w.includes('got NaN'))).toMatch(/dropped.*finite number >= 0/);
    expect(warnings.find((w) => w.includes('got Infinity'))).toBeDefined();
    expect(warnings.find((w) => w.includes('got -1'))).toMatch(/upDownCounter/);
    expect(warnings.find((w) => w.includes('got "5"'))).toBeDefined();
  });

  it('warns separately per metric', () => {
    const { provider } = createTestProvider();
    const facade = createMetricsFacade(provider);
    facade.counter('a').increment(Number.NaN);
    facade.counter('b').increment(Number.NaN);
    facade.counter('a', { other: 'attrs' }).increment(Number.NaN);
    expect(about('a')).toHaveLength(1);
    expect(about('b')).toHaveLength(1);
  });

  it('drops non-finite up-down counter, gauge and histogram values and negative histogram values', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider);
    const queue = facade.upDownCounter('queue.depth');
    const load = facade.gauge('load');
    const latency = facade.histogram('latency');
    const summary = facade.summary('sizes');
    queue.add(-4);
    load.set(0.5);
    latency.record(0.25);
    summary.record(7);
    feed((v) => queue.add(v), [Number.NaN, Infinity]);
    feed((v) => queue.decrement(v), [Number.NaN, 'x']);
    feed((v) => load.set(v), [Number.NaN, -Infinity, undefined]);
    feed((v) => latency.record(v), [Number.NaN, Infinity, -0.5, '1']);
    feed((v) => summary.record(v), [-1]);

    const collected = await collect();
    expect(pointsOf(collected, 'queue.depth')[0]!.value).toBe(-4);
    expect(pointsOf(collected, 'load')[0]!.value).toBe(0.5);
    expect(pointsOf(collected, 'latency')[0]!.value).toMatchObject({ count: 1, sum: 0.25 });
    expect((pointsOf(collected, 'sizes')[0]!.value as Histogram).count).toBe(1);
    expect(about('queue.depth')).toHaveLength(3);
    expect(about('load')).toHaveLength(3);
    expect(about('latency')).toHaveLength(4);
    expect(about('latency').find((w) => w.includes('got -0.5'))).toMatch(/Record a finite number >= 0/);
    expect(about('sizes')).toHaveLength(1);
  });

  it('gives an invalid metric name a no-op handle and one warning', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider);
    for (const name of ['1starts-with-digit', 'has space', '', 'x'.repeat(256)]) {
      expect(() => facade.counter(name).increment()).not.toThrow();
      facade.counter(name).increment();
    }
    expect(() => facade.histogram(undefined as unknown as string).record(1)).not.toThrow();
    facade.counter('valid.name_1/x-y').increment();

    const collected = await collect();
    const names = collected.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.descriptor.name));
    expect(names).toEqual(['valid.name_1/x-y']);
    expect(logs.warnings.filter((w) => w.includes('invalid metric name'))).toHaveLength(5);
    expect(logs.warnings.find((w) => w.includes('"has space"'))).toMatch(/starts with a letter/);
    expect(findMetric(collected, 'valid.name_1/x-y')).toBeDefined();
  });

  it('never throws when the provider fails to create an instrument', () => {
    const failing = {
      getMeter: () => {
        throw new Error('broken provider');
      },
    };
    const facade = createMetricsFacade(failing);
    expect(() => facade.counter('c').increment()).not.toThrow();
    expect(() => facade.counter('c').increment()).not.toThrow();
    expect(logs.warnings.filter((w) => w.includes('broken provider'))).toHaveLength(1);
  });
});
