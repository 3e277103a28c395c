import type { Attributes, Counter, Gauge, UpDownCounter } from '@opentelemetry/api';
import { AggregationType, InstrumentType, createAllowListAttributesProcessor, type ViewOptions } from '@opentelemetry/sdk-metrics';
import { CounterCell, GaugeCell, UpDownCounterCell } from '../../src/facade/cell-handles';
import { createMetricsFacade } from '../../src/facade/create-metrics-facade';
import type { InstrumentOptions } from '../../src/facade/metrics-facade';
import { createReaderPair, referenceMeter, seededRandom, type NormalizedMetric, type ReaderName } from './support/differential';

/** One step of a scenario: a recording, or a collection by one reader. */
type Op =
  | { op: 'counter' | 'upDownCounter' | 'gauge'; name: string; attributes?: Attributes; value: number; options?: InstrumentOptions }
  | { op: 'collect'; reader: ReaderName };

type Recorder = (op: Exclude<Op, { op: 'collect' }>) => void;

/** The reference: the previous implementation, a plain synchronous OTel instrument per name. */
function syncRecorder(pair: ReturnType<typeof createReaderPair>): Recorder {
  const meter = referenceMeter(pair.provider);
  const instruments = new Map<string, Counter | UpDownCounter | Gauge>();
  return ({ op, name, attributes, value, options }) => {
    const key = `${op}\u0000${name}`;
    let instrument = instruments.get(key);
    if (instrument === undefined) {
      const opts = { description: options?.description, unit: options?.unit };
      instrument =
        op === 'counter' ? meter.createCounter(name, opts) : op === 'upDownCounter' ? meter.createUpDownCounter(name, opts) : meter.createGauge(name, opts);
      instruments.set(key, instrument);
    }
    if (op === 'gauge') (instrument as Gauge).record(value, attributes);
    else (instrument as Counter).add(value, attributes);
  };
}

/** The facade, handles looked up per call (`facade.counter(name, attrs).add(n)`). */
function facadeRecorder(pair: ReturnType<typeof createReaderPair>): Recorder {
  const facade = createMetricsFacade(pair.provider);
  return ({ op, name, attributes, value, options }) => {
    if (op === 'counter') facade.counter(name, attributes, options).add(value);
    else if (op === 'upDownCounter') facade.upDownCounter(name, attributes, options).add(value);
    else facade.gauge(name, attributes, options).set(value);
  };
}

/** Runs `ops` through both implementations; returns every collection of each. */
async function runBoth(ops: Op[], views?: ViewOptions[]): Promise<{ facade: NormalizedMetric[][]; reference: NormalizedMetric[][] }> {
  const facadePair = createReaderPair(views);
  const referencePair = createReaderPair(views);
  const recordFacade = facadeRecorder(facadePair);
  const recordReference = syncRecorder(referencePair);
  const facade: NormalizedMetric[][] = [];
  const reference: NormalizedMetric[][] = [];
  try {
    for (const op of ops) {
      if (op.op === 'collect') {
        facade.push(await facadePair.collect(op.reader));
        reference.push(await referencePair.collect(op.reader));
      } else {
        recordFacade(op);
        recordReference(op);
      }
    }
  } finally {
    await Promise.all([facadePair.provider.shutdown(), referencePair.provider.shutdown()]);
  }
  return { facade, reference };
}

const collect = (reader: ReaderName): Op => ({ op: 'collect', reader });

const SCENARIO: Op[] = [
  { op: 'counter', name: 'jobs.done', attributes: { tool: 'search', ok: true }, value: 1, options: { description: 'Jobs finished', unit: '{job}' } },
  { op: 'counter', name: 'jobs.done', attributes: { ok: true, tool: 'search' }, value: 2 },
  { op: 'counter', name: 'jobs.done', attributes: { tool: 'fetch' }, value: 0 },
  { op: 'counter', name: 'bytes.sent', value: 5.5, options: { unit: 'By' } },
  { op: 'upDownCounter', name: 'requests.in_flight', attributes: { route: '/mcp' }, value: 3 },
  { op: 'upDownCounter', name: 'requests.in_flight', attributes: { route: '/mcp' }, value: -1 },
  { op: 'upDownCounter', name: 'requests.in_flight', attributes: { route: '/mcp' }, value: -2 },
  { op: 'gauge', name: 'room.temperature', attributes: { room: 'lab' }, value: 21.5, options: { unit: 'Cel' } },
  collect('cumulative'),
  { op: 'counter', name: 'jobs.done', attributes: { tool: 'search', ok: true }, value: 4 },
  { op: 'gauge', name: 'room.temperature', attributes: { room: 'lab' }, value: 21.5 },
  collect('delta'),
  collect('delta'),
  { op: 'upDownCounter', name: 'requests.in_flight', attributes: { route: '/mcp' }, value: 1 },
  { op: 'counter', name: 'jobs.done', attributes: { tool: 'list', tags: ['x', 'y'], n: 2 }, value: 3 },
  collect('cumulative'),
  collect('delta'),
  { op: 'gauge', name: 'room.temperature', attributes: { room: 'lab' }, value: -3.25 },
  { op: 'gauge', name: 'room.temperature', attributes: { room: 'attic' }, value: 12 },
  { op: 'counter', name: 'bytes.sent', value: 0.25 },
  collect('cumulative'),
  collect('cumulative'),
  collect('delta'),
];

describe('cell-backed handles: same output as the synchronous OTel instruments (differential)', () => {
  it('exports equal counters, up-down counters and gauges over interleaved cumulative and delta collections', async () => {
    const { facade, reference } = await runBoth(SCENARIO);
    expect(facade).toEqual(reference);
    // The comparison is not vacuous: every collection has data, and the idle delta one has none.
    expect(reference.map((c) => c.length)).toEqual([4, 4, 0, 4, 2, 4, 4, 2]);
    expect(reference[0]!.find((m) => m.name === 'jobs.done')!.points).toEqual([
      { attributes: { ok: true, tool: 'search' }, value: 3 },
      { attributes: { tool: 'fetch' }, value: 0 },
    ]);
  });

  it('matches on random scenarios (seeded): key orders, zero values, sign changes, idle intervals', async () => {
    const tools = ['search', 'fetch', 'list'];
    for (const seed of [1, 2, 3, 4]) {
      const random = seededRandom(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      const ops: Op[] = [];
      for (let i = 0; i < 400; i++) {
        const r = random();
        if (r < 0.06) {
          ops.push(collect(pick(['cumulative', 'delta'] as const)));
          continue;
        }
        const tool = pick(tools);
        const attributes = random() < 0.5 ? { tool, status: pick(['ok', 'error']) } : { status: pick(['ok', 'error']), tool };
        const op = pick(['counter', 'upDownCounter', 'gauge'] as const);
        const value = op === 'counter' ? Math.floor(random() * 4) : Math.floor(random() * 9) - 4;
        ops.push({ op, name: `${op}.${pick(['a', 'b'])}`, attributes: random() < 0.1 ? undefined : attributes, value });
      }
      ops.push(collect('cumulative'), collect('delta'));
      const { facade, reference } = await runBoth(ops);
      expect({ seed, collections: facade }).toEqual({ seed, collections: reference });
    }
  });

  it('applies views exactly as before: renames, allow-lists (sums of merged sets), cardinality limits, drop', async () => {
    const views: ViewOptions[] = [
      { instrumentName: 'jobs.done', name: 'jobs.finished', description: 'renamed by a view' },
      { instrumentName: 'calls', attributesProcessors: [createAllowListAttributesProcessor(['tool'])] },
      { instrumentName: 'in.flight', attributesProcessors: [createAllowListAttributesProcessor(['route'])] },
      { instrumentName: 'by.user', aggregationCardinalityLimit: 3 },
      { instrumentName: 'room.temperature', aggregationCardinalityLimit: 2 },
      { instrumentName: 'dropped', aggregation: { type: AggregationType.DROP } },
      { instrumentType: InstrumentType.UP_DOWN_COUNTER, instrumentName: 'queue.*', aggregationCardinalityLimit: 2 },
    ];
    const ops: Op[] = [
      { op: 'counter', name: 'jobs.done', value: 2 },
      { op: 'counter', name: 'calls', attributes: { tool: 'search', user: 'a' }, value: 1 },
      { op: 'counter', name: 'calls', attributes: { tool: 'search', user: 'b' }, value: 2 },
      { op: 'counter', name: 'calls', attributes: { tool: 'fetch', user: 'a' }, value: 4 },
      { op: 'upDownCounter', name: 'in.flight', attributes: { route: '/a', id: 1 }, value: 3 },
      { op: 'upDownCounter', name: 'in.flight', attributes: { route: '/a', id: 2 }, value: -1 },
      ...['u1', 'u2', 'u3', 'u4', 'u5'].map((user, i): Op => ({ op: 'counter', name: 'by.user', attributes: { user }, value: i + 1 })),
      ...['lab', 'attic', 'cellar'].map((room, i): Op => ({ op: 'gauge', name: 'room.temperature', attributes: { room }, value: 20 + i })),
      ...['q1', 'q2', 'q3'].map((queue): Op => ({ op: 'upDownCounter', name: 'queue.depth', attributes: { queue }, value: 2 })),
      { op: 'counter', name: 'dropped', value: 1 },
      collect('cumulative'),
      collect('delta'),
      { op: 'counter', name: 'calls', attributes: { tool: 'search', user: 'c' }, value: 8 },
      { op: 'counter', name: 'by.user', attributes: { user: 'u6' }, value: 10 },
      { op: 'counter', name: 'by.user', attributes: { user: 'u1' }, value: 10 },
      collect('delta'),
      collect('cumulative'),
    ];
    const { facade, reference } = await runBoth(ops, views);
    expect(facade).toEqual(reference);
    const calls = reference[0]!.find((m) => m.name === 'calls')!;
    expect(calls.points).toEqual([
      { attributes: { tool: 'fetch' }, value: 4 },
      { attributes: { tool: 'search' }, value: 3 },
    ]);
    expect(reference[0]!.find((m) => m.name === 'by.user')!.points).toContainEqual({ attributes: { 'otel.metric.overflow': true }, value: 12 });
    expect(reference[0]!.map((m) => m.name)).toContain('jobs.finished');
    expect(reference[0]!.map((m) => m.name)).not.toContain('dropped');
  });

  it('gives handles kept by the caller the same output as handles looked up per call', async () => {
    const pair = createReaderPair();
    const facade = createMetricsFacade(pair.provider);
    const requests = facade.counter('requests', { tool: 'search' });
    const depth = facade.upDownCounter('depth');
    const load = facade.gauge('load', { host: 'a' });
    expect(requests).toBeInstanceOf(CounterCell);
    expect(depth).toBeInstanceOf(UpDownCounterCell);
    expect(load).toBeInstanceOf(GaugeCell);
    for (let i = 0; i < 1000; i++) requests.increment();
    depth.increment(5);
    depth.decrement(2);
    load.set(0.75);
    facade.counter('requests', { tool: 'search' }).add(5);
    const [metrics] = [await pair.collect('cumulative')];
    expect(metrics.map((m) => [m.name, m.points[0]!.value])).toEqual([
      ['depth', 3],
      ['load', 0.75],
      ['requests', 1005],
    ]);
    await pair.provider.shutdown();
  });
});
