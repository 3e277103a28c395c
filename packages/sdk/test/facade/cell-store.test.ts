import { CounterCell, GaugeCell } from '../../src/facade/cell-handles';
import { CellStore } from '../../src/facade/cell-store';
import { createMetricsFacade } from '../../src/facade/create-metrics-facade';
import { FacadeInstruments } from '../../src/facade/facade-instruments';
import { fixedMeterSource } from '../../src/facade/meter-source';
import { CounterHandleImpl, GaugeHandleImpl } from '../../src/facade/recording-handles';
import { WarnOnce } from '../../src/facade/warn-once';
import { captureDiag, createTestProvider, pointsOf, pointWith } from './support/metrics-test-kit';

function instruments(provider: Parameters<typeof fixedMeterSource>[0], maxHandlesPerInstrument: number): FacadeInstruments {
  return new FacadeInstruments(fixedMeterSource(provider), new WarnOnce(), {
    appMeterName: '@mcp-otel/sdk/app',
    summaryMeterName: '@mcp-otel/sdk/summary',
    maxHandlesPerInstrument,
    maxInstrumentsPerKind: 10,
  });
}

describe('cells of cell-backed instruments', () => {
  let logs: ReturnType<typeof captureDiag>;
  beforeEach(() => (logs = captureDiag()));
  afterEach(() => logs.restore());

  it('stay bounded by the handle bound while every recording past it is still counted', async () => {
    const { provider, collect } = createTestProvider();
    const slot = instruments(provider, 10).counter('logins');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2000; i++) slot.handle({ user: `u${i}` }).increment();
      await collect();
    }
    expect(slot.cellCount).toBeLessThanOrEqual(11);
    const points = pointsOf(await collect(), 'logins');
    expect(points).toHaveLength(2000);
    expect(points.every((p) => p.value === 3)).toBe(true);
    expect(slot.handle({ user: 'u0' })).toBeInstanceOf(CounterCell);
    expect(slot.handle({ user: 'u1999' })).toBeInstanceOf(CounterHandleImpl);
    expect(logs.warnings.filter((w) => w.includes('more than 10 attribute sets'))).toHaveLength(1);
  });

  it('give one series one cell whatever the key order, even past the handle cache bound', async () => {
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

  it('past the bound of cells, gauges call OTel directly and keep their own last value', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider, { maxHandlesPerInstrument: 1 });
    const lab = facade.gauge('room.temperature', { room: 'lab' });
    const attic = facade.gauge('room.temperature', { room: 'attic' });
    expect(lab).toBeInstanceOf(GaugeCell);
    expect(attic).toBeInstanceOf(GaugeHandleImpl);
    lab.set(20);
    attic.set(11);
    lab.set(21);
    attic.set(12);
    const collected = await collect();
    expect(pointWith(collected, 'room.temperature', { room: 'lab' }).value).toBe(21);
    expect(pointWith(collected, 'room.temperature', { room: 'attic' }).value).toBe(12);
  });

  it('report nothing for a handle that never recorded, and a zero once one did', async () => {
    const { provider, collect } = createTestProvider();
    const facade = createMetricsFacade(provider);
    facade.counter('idle', { a: 1 });
    facade.upDownCounter('idle.updown');
    facade.gauge('idle.gauge');
    facade.counter('zero').add(0);
    const names = (await collect()).scopeMetrics.flatMap((s) => s.metrics.map((m) => m.descriptor.name));
    expect(names).toEqual(['zero']);
  });

  it('find a cell by series whatever the key order, hold at most capacity (+ the empty set), flush each queued cell once', () => {
    type TestCell = { dirty: boolean; attributes: Record<string, unknown>; flushInto(target: unknown[]): void };
    const writes: unknown[] = [];
    const store = new CellStore<unknown[], TestCell>(2);
    const make = (attributes: Record<string, unknown>) => () => ({ dirty: false, attributes, flushInto: (target: unknown[]) => void target.push(attributes) });
    const one = store.cellFor({ a: 1, b: 'x' }, make({ a: 1, b: 'x' }))!;
    expect(store.cellFor({ b: 'x', a: 1 }, make({ b: 'x', a: 1 }))).toBe(one);
    const two = store.cellFor({ a: '1', b: 'x' }, make({ a: '1', b: 'x' }))!;
    expect(two).not.toBe(one);
    expect(store.cellFor({ a: 3 }, make({ a: 3 }))).toBeUndefined();
    expect(store.cellFor({}, make({}))).toBeDefined();
    expect(store.size).toBe(3);
    store.queue(two);
    store.queue(one);
    store.flush(writes, () => undefined);
    store.flush(writes, () => undefined);
    expect(writes).toEqual([{ a: '1', b: 'x' }, { a: 1, b: 'x' }]);
    expect(one.dirty || two.dirty).toBe(false);
  });

  it('tell series apart when their hashes collide', () => {
    type TestCell = { dirty: boolean; attributes: Record<string, unknown>; flushInto(): void };
    const store = new CellStore<unknown, TestCell>(10);
    const make = (attributes: Record<string, unknown>) => () => ({ dirty: false, attributes, flushInto: () => undefined });
    // Two pairs of series whose keys have the same 30-bit FNV-1a hash (found by search).
    for (const [x, y] of [['1ioa1pp', '18f52rw'], ['o5qcqo', 'rblljn']]) {
      const first = store.cellFor({ tool: x }, make({ tool: x }))!;
      const second = store.cellFor({ tool: y }, make({ tool: y }))!;
      expect(second).not.toBe(first);
      expect(second.attributes).toEqual({ tool: y });
      expect(store.cellFor({ tool: x }, make({ tool: 'not used' }))).toBe(first);
      expect(store.cellFor({ tool: y }, make({ tool: 'not used' }))).toBe(second);
    }
    const third = store.cellFor({ tool: 'gi8kt7' }, make({ tool: 'gi8kt7' }))!;
    expect(store.cellFor({ tool: '14hp2q2' }, make({ tool: '14hp2q2' }))).not.toBe(third);
    expect(store.size).toBe(6);
  });
});
