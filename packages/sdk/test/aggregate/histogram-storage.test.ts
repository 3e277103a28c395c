import type { Attributes, Histogram } from '@opentelemetry/api';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HistogramStorage, type HistogramSeries, type HistogramSettings } from '../../src/aggregate/histogram-storage';
import { InstrumentType } from '@opentelemetry/sdk-metrics';
import { ValueType } from '@opentelemetry/api';
import { runScript, type Script } from '../support/scenarios';
import { AggregationTemporality, pointsOf } from '../support/pipeline';

/** A histogram storage, recorded into as an OTel API caller records (value, attributes). */
function storage(overrides: Partial<HistogramSettings> = {}): HistogramStorage & { record(value: number, attributes: Attributes | undefined): void; cells(): HistogramSeries[] } {
  const created = new HistogramStorage({
    descriptor: { name: 'x', type: InstrumentType.HISTOGRAM, description: '', unit: '', valueType: ValueType.DOUBLE, advice: {} },
    boundaries: [1, 10],
    allowList: undefined,
    cardinalityLimit: 100,
    now: () => 1,
    keep: undefined,
    ...overrides,
  });
  return Object.assign(created, {
    record: (value: number, attributes: Attributes | undefined) => created.seriesFor(attributes).record(value),
    cells: () => [...created.index.values],
  });
}

const cellCount = (s: ReturnType<typeof storage>): number => s.cells().length;

/** The engine's garbage collector, reachable from a test without `node --expose-gc`. */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('HistogramStorage', () => {
  it('aggregates into (previous bound, bound] buckets like OTel', () => {
    const s = storage();
    for (const v of [0, 1, 1.5, 10, 11, 1e300]) s.record(v, undefined);
    const [cell] = [...s.cells()];
    expect(Array.from(cell!.counts)).toEqual([2, 2, 2]);
    expect(cell).toMatchObject({ count: 6, sum: 1e300 + 23.5, min: 0, max: 1e300 });
  });

  it('finds the bucket of every value, with short bound lists (scanned) and long ones (bisected)', () => {
    for (const n of [1, 2, 15, 32, 33, 64]) {
      const boundaries = Array.from({ length: n }, (_, i) => (i + 1) * 0.5);
      const values = [0, -0, 0.01, boundaries.at(-1)! + 1, Number.MAX_VALUE, ...boundaries.flatMap((b) => [b, b - 1e-9, b + 1e-9]), ...Array.from({ length: 50 }, (_, i) => (i * 7.3) % (n + 2))];
      const s = storage({ boundaries });
      for (const v of values) s.record(v, undefined);
      // The first bound >= value, else the +Inf bucket: buckets are (previous, bound].
      const expected = new Array<number>(n + 1).fill(0);
      for (const v of values) {
        const i = boundaries.findIndex((b) => v <= b);
        expected[i === -1 ? n : i]!++;
      }
      expect([n, Array.from([...s.cells()][0]!.counts)]).toEqual([n, expected]);
    }
  });

  it('keeps at most cardinalityLimit cells, whatever the number of attribute sets (fresh, frozen, allow-listed)', () => {
    const s = storage({ cardinalityLimit: 50 });
    for (let i = 0; i < 5000; i++) s.record(1, { id: i });
    for (let i = 0; i < 5000; i++) s.record(1, Object.freeze({ id: `frozen-${i}` }));
    expect(cellCount(s)).toBe(50);
    const cells = [...s.cells()];
    expect(cells.at(-1)!.attributes).toEqual({ 'otel.metric.overflow': true });
    expect(cells.at(-1)!.count).toBe(10_000 - 49);

    const allowListed = storage({ cardinalityLimit: 50, allowList: new Set(['tool']) });
    for (let i = 0; i < 5000; i++) allowListed.record(1, { tool: `t${i % 10}`, id: i });
    expect(cellCount(allowListed)).toBe(10);
  });

  it('keeps no attribute object alive but the last frozen one (identity cache is weak)', async () => {
    const gc = collectGarbage();
    const s = storage();
    const refs: WeakRef<Attributes>[] = [];
    const recordTwice = (tool: string): void => {
      // The first object of a series is its exported set (frozen, so kept as is); equal objects
      // recorded later are only remembered by identity, weakly.
      s.record(0, Object.freeze({ tool }));
      const attributes = Object.freeze({ tool });
      refs.push(new WeakRef(attributes));
      s.record(1, attributes);
      s.record(2, attributes);
    };
    for (let i = 0; i < 20; i++) recordTwice(`t${i}`);
    // WeakRef targets survive until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    const alive = (): number[] => refs.flatMap((ref, i) => (ref.deref() === undefined ? [] : [i]));
    // The one-entry memo in front of the WeakMap holds the last object; the next one releases it.
    expect(alive()).toEqual([19]);
    recordTwice('t20');
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(alive()).toEqual([20]);
    expect(cellCount(s)).toBe(21);
    expect([...s.cells()].every((cell) => cell.count === 3)).toBe(true);
  });

  it('reads the clock once per new series, never per measurement', () => {
    const now = jest.fn(() => 1_750_000_000_000);
    const s = storage({ now });
    const frozen = Object.freeze({ tool: 'a' });
    for (let i = 0; i < 1000; i++) {
      s.record(i, frozen);
      s.record(i, { tool: 'b' });
      s.record(i, undefined);
    }
    expect(now).toHaveBeenCalledTimes(3);
  });
});

describe('cardinality limit across collections (the one behaviour that differs from OTel 2.12)', () => {
  /** Limit 3: two series + overflow. Interval 1 admits a and b; c overflows. Interval 2 records only c. */
  const script: Script = async ({ provider, collect, advance }) => {
    const h: Histogram = provider.getMeter('m').createHistogram('x');
    for (const tool of ['a', 'b', 'c']) h.record(1, { tool });
    advance(1000);
    await collect();
    h.record(1, { tool: 'c' });
    h.record(1, { tool: 'd' });
    advance(1000);
    await collect();
  };
  const spec = { readers: [AggregationTemporality.CUMULATIVE], cardinalityLimit: 3 };
  const attributeSets = (run: Awaited<ReturnType<typeof runScript>>): unknown[] =>
    pointsOf(run.collections[1]![0]!, 'x').map((p) => [p.attributes, (p.value as { count: number }).count]);

  it('OTel admits new sets again in each interval, so its cumulative series grow past the limit', async () => {
    expect(attributeSets(await runScript(false, spec, script))).toEqual([
      [{ tool: 'a' }, 1],
      [{ tool: 'b' }, 1],
      [{ 'otel.metric.overflow': true }, 1],
      [{ tool: 'c' }, 1],
      [{ tool: 'd' }, 1],
    ]);
  });

  it('our series admit the first limit - 1 sets for good: series and memory stay bounded', async () => {
    expect(attributeSets(await runScript(true, spec, script))).toEqual([
      [{ tool: 'a' }, 1],
      [{ tool: 'b' }, 1],
      [{ 'otel.metric.overflow': true }, 3],
    ]);
  });
});
