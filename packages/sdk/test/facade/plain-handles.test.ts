import { createMetricsFacade } from '../../src/facade/metrics-facade';
import { resolvedConfig } from '../support/resolved-config';
import { captureDiag, createTestProvider, pointsOf, pointWith } from './support/metrics-test-kit';
import { createPipelinePair } from './support/differential';

describe('plain handles (OTel aggregates the instrument)', () => {
  let logs: ReturnType<typeof captureDiag>;
  beforeEach(() => (logs = captureDiag()));
  afterEach(() => logs.restore());

  it('stay bounded by the handle bound while every recording past it is still counted', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider, { maxHandlesPerInstrument: 10 });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2000; i++) facade.counter('logins', { user: `u${i}` }).increment();
      await collect();
    }
    const points = pointsOf(await collect(), 'logins');
    expect(points).toHaveLength(2000);
    expect(points.every((p) => p.value === 3)).toBe(true);
    expect(facade.counter('logins', { user: 'u0' })).toBe(facade.counter('logins', { user: 'u0' }));
    expect(facade.counter('logins', { user: 'u1999' })).not.toBe(facade.counter('logins', { user: 'u1999' }));
    expect(logs.warnings.filter((w) => w.includes('more than 10 attribute sets'))).toHaveLength(1);
  });

  it('give one series one handle whatever the key order', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider, { maxHandlesPerInstrument: 1 });
    const ab = facade.counter('calls', { a: 'x', b: 2 });
    expect(facade.counter('calls', { b: 2, a: 'x' })).toBe(ab);
    facade.counter('calls', { b: 2, a: 'x' }).increment(3);
    ab.increment();
    const gauge = facade.gauge('level', { a: 'x', b: 2 });
    gauge.set(1);
    facade.gauge('level', { b: 2, a: 'x' }).set(7);
    const collected = await collect();
    expect(pointsOf(collected, 'calls')).toHaveLength(1);
    expect(pointWith(collected, 'calls', { a: 'x', b: 2 }).value).toBe(4);
    expect(pointWith(collected, 'level', { a: 'x', b: 2 }).value).toBe(7);
  });

  it('past the bound, gauges keep their own last value', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider, { maxHandlesPerInstrument: 1 });
    const lab = facade.gauge('room.temperature', { room: 'lab' });
    const attic = facade.gauge('room.temperature', { room: 'attic' });
    lab.set(20);
    attic.set(11);
    lab.set(21);
    attic.set(12);
    const collected = await collect();
    expect(pointWith(collected, 'room.temperature', { room: 'lab' }).value).toBe(21);
    expect(pointWith(collected, 'room.temperature', { room: 'attic' }).value).toBe(12);
  });
});

describe('a handle that never recorded', () => {
  it.each(['plain', 'own'] as const)('reports nothing; a zero once it did (%s)', async (kind) => {
    const plain = createTestProvider();
    const pair = kind === 'own' ? createPipelinePair(true, resolvedConfig()) : undefined;
    const facade = createMetricsFacade(pair?.provider ?? plain.provider);
    facade.counter('idle', { a: 1 });
    facade.upDownCounter('idle.updown');
    facade.gauge('idle.gauge');
    facade.histogram('idle.histogram');
    facade.counter('zero').add(0);
    const names = pair === undefined ? (await plain.collect()).scopeMetrics.flatMap((s) => s.metrics.map((m) => m.descriptor.name)) : (await pair.collect('cumulative')).map((m) => m.name);
    expect(names).toEqual(['zero']);
    await pair?.provider.shutdown();
  });
});
