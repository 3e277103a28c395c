import type { Attributes, Counter, Gauge, UpDownCounter } from '@opentelemetry/api';
import { AggregationType, InstrumentType, createAllowListAttributesProcessor, type ViewOptions } from '@opentelemetry/sdk-metrics';
import { GaugeSeries } from '../../src/aggregate/gauge-storage';
import { CounterSeries, UpDownCounterSeries } from '../../src/aggregate/sum-storage';
import type { ResolvedComponent } from '../../src/config/resolved-config';
import { createMetricsFacade } from '../../src/facade/metrics-facade';
import type { InstrumentOptions } from '../../src/facade/handles';
import { resolvedConfig } from '../support/resolved-config';
import { component } from '../support/pipeline';
import { createPipelinePair, createReaderPair, referenceMeter, seededRandom, type NormalizedMetric, type ReaderName, type ReaderPair } from './support/differential';

/** One step of a scenario: a recording, or a collection by one reader. */
type Op =
  | { op: 'counter' | 'upDownCounter' | 'gauge'; name: string; attributes?: Attributes; value: number; options?: InstrumentOptions }
  | { op: 'collect'; reader: ReaderName };

type Recorder = (op: Exclude<Op, { op: 'collect' }>) => void;

/** The reference: a plain synchronous OTel instrument per name. */
function syncRecorder(pair: ReaderPair): Recorder {
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
function facadeRecorder(pair: ReaderPair, handles: unknown[]): Recorder {
  const facade = createMetricsFacade(pair.provider);
  return ({ op, name, attributes, value, options }) => {
    if (op === 'counter') handles.push(facade.counter(name, attributes, options));
    else if (op === 'upDownCounter') handles.push(facade.upDownCounter(name, attributes, options));
    else handles.push(facade.gauge(name, attributes, options));
    const handle = handles.at(-1) as { add?: (n: number) => void; set?: (n: number) => void };
    if (op === 'gauge') handle.set!(value);
    else handle.add!(value);
  };
}

/**
 * The pipeline for {@link runBoth}'s `own` mode: the facade on the pipeline as it ships (its handles
 * are our series), the reference's plain instruments on the same pipeline with `ownAggregation: false`.
 */
interface OwnMode {
  components?: Record<string, ResolvedComponent>;
  cardinalityLimit?: number;
}

/** Runs `ops` through both implementations; returns every collection of each, and the facade's handles. */
async function runBoth(ops: Op[], views?: ViewOptions[], own?: OwnMode): Promise<{ facade: NormalizedMetric[][]; reference: NormalizedMetric[][]; handles: unknown[] }> {
  let facadePair: ReaderPair;
  let referencePair: ReaderPair;
  if (own === undefined) {
    facadePair = createReaderPair(views);
    referencePair = createReaderPair(views);
  } else {
    const config = resolvedConfig({ components: own.components ?? {}, cardinalityLimit: own.cardinalityLimit ?? 2000 });
    facadePair = createPipelinePair(true, config);
    referencePair = createPipelinePair(false, config);
  }
  const handles: unknown[] = [];
  const recordFacade = facadeRecorder(facadePair, handles);
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
  return { facade, reference, handles };
}

const collect = (reader: ReaderName): Op => ({ op: 'collect', reader });

/** 400 seeded random steps over three tools, both key orders, zeros and sign changes. */
function randomOps(seed: number, tools: readonly string[] = ['search', 'fetch', 'list']): Op[] {
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
  return ops;
}

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

describe('facade handles on any provider: same output as the synchronous OTel instruments (differential)', () => {
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
    for (const seed of [1, 2, 3, 4]) {
      const ops = randomOps(seed);
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
    const config = resolvedConfig();
    const pair = createPipelinePair(true, config);
    const facade = createMetricsFacade(pair.provider);
    const requests = facade.counter('requests', { tool: 'search' });
    const depth = facade.upDownCounter('depth');
    const load = facade.gauge('load', { host: 'a' });
    // On the pipeline as it ships, a handle is the series itself.
    expect(requests).toBeInstanceOf(CounterSeries);
    expect(depth).toBeInstanceOf(UpDownCounterSeries);
    expect(load).toBeInstanceOf(GaugeSeries);
    for (let i = 0; i < 1000; i++) requests.increment();
    depth.increment(5);
    depth.decrement(2);
    load.set(0.75);
    facade.counter('requests', { tool: 'search' }).add(5);
    expect(facade.counter('requests', { tool: 'search' })).toBe(requests);
    const metrics = await pair.collect('cumulative');
    expect(metrics.map((m) => [m.name, m.points[0]!.value])).toEqual([
      ['depth', 3],
      ['load', 0.75],
      ['requests', 1005],
    ]);
    await pair.provider.shutdown();
  });
});

/** Every facade handle came out of our series: the comparison is not OTel against itself. */
function expectAllSeries(handles: unknown[]): void {
  expect(handles.length).toBeGreaterThan(0);
  expect(handles.filter((h) => !(h instanceof CounterSeries || h instanceof UpDownCounterSeries || h instanceof GaugeSeries))).toEqual([]);
}

describe('facade handles on our series: same output as plain OTel instruments on the plain-OTel pipeline (differential)', () => {
  it('the fixed scenario, interleaved cumulative and delta collections', async () => {
    const { facade, reference, handles } = await runBoth(SCENARIO, undefined, {});
    expect(facade).toEqual(reference);
    expect(reference.map((c) => c.length)).toEqual([4, 4, 0, 4, 2, 4, 4, 2]);
    expectAllSeries(handles);
  });

  it('random scenarios (seeded), with and without an allow-list merging series (gauges included: last value wins)', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const components = seed % 2 === 0 ? { app: component({ attributes: ['tool'] }) } : undefined;
      const { facade, reference, handles } = await runBoth(randomOps(seed), undefined, { components });
      expect({ seed, collections: facade }).toEqual({ seed, collections: reference });
      expectAllSeries(handles);
    }
  });

  it('overflow past the cardinality limit (admitted series recorded first in every interval)', async () => {
    const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
    const ops: Op[] = [
      ...users.map((user, i): Op => ({ op: 'counter', name: 'by.user', attributes: { user }, value: i + 1 })),
      ...users.map((user): Op => ({ op: 'upDownCounter', name: 'queue.depth', attributes: { queue: user }, value: -2 })),
      ...users.map((user, i): Op => ({ op: 'gauge', name: 'load', attributes: { user }, value: i })),
      collect('cumulative'),
      collect('delta'),
      ...['u1', 'u2', 'u3', 'u6', 'u4'].map((user): Op => ({ op: 'counter', name: 'by.user', attributes: { user }, value: 10 })),
      collect('delta'),
      { op: 'counter', name: 'by.user', attributes: { user: 'u2' }, value: 0 },
      collect('delta'),
      collect('cumulative'),
    ];
    const { facade, reference, handles } = await runBoth(ops, undefined, { cardinalityLimit: 4 });
    expect(facade).toEqual(reference);
    expect(reference.at(-1)!.find((m) => m.name === 'by.user')!.points).toContainEqual({ attributes: { 'otel.metric.overflow': true }, value: 29 });
    // A delta interval with only a 0 added still reports that series (as OTel does).
    expect(reference.at(-2)!.find((m) => m.name === 'by.user')!.points).toEqual([{ attributes: { user: 'u2' }, value: 0 }]);
    expectAllSeries(handles);
  });

  it('a disabled component: nothing exported on either side (its meter is the no-op meter)', async () => {
    const { facade, reference } = await runBoth(SCENARIO, undefined, { components: { app: component({ enabled: false }) } });
    expect(facade).toEqual(reference);
    expect(reference.flat()).toEqual([]);
  });

  it('two facades on one provider share the series of a counter (summed, one stream)', async () => {
    const pair = createPipelinePair(true, resolvedConfig());
    const first = createMetricsFacade(pair.provider);
    const second = createMetricsFacade(pair.provider);
    first.counter('jobs', { tool: 'a' }).add(1);
    first.counter('jobs', { tool: 'b' }).add(2);
    second.counter('jobs', { tool: 'a' }).add(4);
    second.counter('jobs', { tool: 'c' }).add(8);
    first.counter('jobs', { tool: 'c' }).add(16);
    expect(second.counter('jobs', { tool: 'a' })).toBe(first.counter('jobs', { tool: 'a' }));
    try {
      const [jobs] = await pair.collect('cumulative');
      expect(jobs!.points).toEqual([
        { attributes: { tool: 'a' }, value: 5 },
        { attributes: { tool: 'b' }, value: 2 },
        { attributes: { tool: 'c' }, value: 24 },
      ]);
    } finally {
      await pair.provider.shutdown();
    }
  });
});
