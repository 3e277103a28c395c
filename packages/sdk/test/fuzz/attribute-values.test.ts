import { diag, DiagLogLevel } from '@opentelemetry/api';
import type { DiagLogger } from '@opentelemetry/api';
import fc from 'fast-check';
import { createMetricsFacade, startMetrics } from '@mcp-otel/sdk';
import { createTestProvider, pointsOf } from '../facade/support/metrics-test-kit.js';

/** `MCP_OTEL_FUZZ_SCALE=20 npm test -- test/fuzz` explores 20 times as many cases (a local deep run). */
const FUZZ_SCALE = Number(process.env.MCP_OTEL_FUZZ_SCALE ?? 1);
jest.setTimeout(30_000 * FUZZ_SCALE);

// Issue 10, item 11: attribute values of every JS type through the public facade. The recording
// path never throws into the host; a value that is not an OTel attribute value is dropped (the rest
// of the attributes and the measurement are kept) and warned once per metric and key.

/** Values of every JS type, and the hostile ones a host may pass by mistake. */
function anyValue(): fc.Arbitrary<unknown> {
  const hostile = fc.constantFrom<unknown>(
    Symbol('s'),
    () => 1,
    10n,
    NaN,
    -0,
    Infinity,
    new Date(0),
    /re/g,
    new Map([['a', 1]]),
    new Set([1]),
    new Uint8Array([1, 2]),
    Promise.resolve(1),
    new Error('e'),
    Object.create(null) as unknown,
    hostileProxy(),
    { toString: () => { throw new Error('toString'); }, valueOf: () => { throw new Error('valueOf'); }, [fc.toStringMethod]: () => 'throwing toString' },
    Object.defineProperty({ [fc.toStringMethod]: () => 'throwing getter' }, 'x', { enumerable: true, get: () => { throw new Error('getter'); } }),
    [1, 'a'],
    [{}, 1],
    [1, null, 2],
    'x'.repeat(100_000),
    '\u0000\ud800',
  );
  return fc.oneof(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }), hostile);
}

/** A proxy whose traps throw for every property (fast-check can still print it in a report). */
function hostileProxy(): object {
  const fail = (): never => {
    throw new Error('proxy trap');
  };
  // Symbol lookups pass (fast-check probes them to print and clone values); string keys throw.
  return new Proxy(
    {},
    {
      get: (_target, key) => (key === fc.toStringMethod ? () => 'hostile proxy' : typeof key === 'symbol' ? undefined : fail()),
      has: (_target, key) => (typeof key === 'symbol' ? false : fail()),
      ownKeys: fail,
      getOwnPropertyDescriptor: fail,
    },
  );
}

function isAttributeValue(value: unknown): boolean {
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return true;
  if (!Array.isArray(value)) return false;
  const types = new Set(value.filter((item) => item !== null && item !== undefined).map((item) => typeof item));
  return types.size <= 1 && [...types].every((t) => t === 'string' || t === 'number' || t === 'boolean');
}

describe('attribute values of every JS type through the facade (issue 10, item 11)', () => {
  let warnings: string[];
  beforeEach(() => {
    warnings = [];
    const logger: DiagLogger = { error: () => {}, warn: (message: string) => warnings.push(message), info: () => {}, debug: () => {}, verbose: () => {} };
    diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  });
  afterEach(() => diag.disable());

  it('never throws; keeps valid values, drops the rest with one warning per metric and key', async () => {
    await fc.assert(
      fc.asyncProperty(anyValue(), fc.constantFrom('counter', 'upDownCounter', 'histogram', 'gauge', 'summary'), async (value, kind) => {
        warnings.length = 0;
        const { provider, collect } = createTestProvider();
        const metrics = createMetricsFacade(provider);
        const attributes = { kept: 'yes', odd: value } as never;
        for (let call = 0; call < 3; call++) {
          if (kind === 'counter') metrics.counter('fuzz.metric', attributes).increment();
          else if (kind === 'upDownCounter') metrics.upDownCounter('fuzz.metric', attributes).add(1);
          else if (kind === 'histogram') metrics.histogram('fuzz.metric', attributes).record(1);
          else if (kind === 'gauge') metrics.gauge('fuzz.metric', attributes).set(1);
          else metrics.summary('fuzz.metric', attributes).record(1);
        }
        const points = pointsOf(await collect(), 'fuzz.metric');
        await provider.shutdown();
        expect(points.length).toBeGreaterThan(0);
        for (const point of points) expect(point.attributes.kept).toBe('yes');
        const valid = value !== undefined && isAttributeValue(value);
        for (const point of points) expect(Object.hasOwn(point.attributes, 'odd')).toBe(valid);
        const aboutOdd = warnings.filter((warning) => warning.includes('"odd"'));
        expect(aboutOdd).toHaveLength(valid || value === undefined ? 0 : 1);
      }),
      { numRuns: 300 * FUZZ_SCALE },
    );
  });

  it('never throws for attribute sets of any type, hostile ones included, and still counts the measurement', async () => {
    await fc.assert(
      fc.asyncProperty(anyValue(), async (attributes) => {
        const { provider, collect } = createTestProvider();
        const metrics = createMetricsFacade(provider);
        const set = attributes as never;
        metrics.counter('fuzz.sets', set).increment();
        metrics.upDownCounter('fuzz.sets.updown', set).add(1);
        metrics.gauge('fuzz.sets.gauge', set).set(1);
        metrics.histogram('fuzz.sets.histogram', set).record(1);
        metrics.summary('fuzz.sets.summary', set).record(1);
        metrics.timer('fuzz.sets.timer', set).stop(set);
        metrics.timer('fuzz.sets.timer', { ok: 1 }).stop(set);
        expect(metrics.timed('fuzz.sets.timed', () => 'ran', set)).toBe('ran');
        const decorate = metrics.timedMethod('fuzz.sets.method', set);
        expect(decorate(function method() {
          return 'called';
        }, {} as never)()).toBe('called');
        const collected = await collect();
        await provider.shutdown();
        const total = pointsOf(collected, 'fuzz.sets').reduce((sum, point) => sum + (point.value as number), 0);
        expect(total).toBe(1);
      }),
      { numRuns: 300 * FUZZ_SCALE },
    );
  });

  it('never throws through a started SDK (its own series storages) either', async () => {
    const handle = await startMetrics({ exporters: [], registerGlobal: false }, { env: {} });
    try {
      fc.assert(
        fc.property(anyValue(), anyValue(), (attributes, value) => {
          for (const set of [attributes, { kept: 'yes', odd: value }] as never[]) {
            handle.counter('fuzz.started.counter', set).increment();
            handle.upDownCounter('fuzz.started.updown', set).add(-1);
            handle.gauge('fuzz.started.gauge', set).set(2);
            handle.histogram('fuzz.started.histogram', set).record(0.5);
            handle.summary('fuzz.started.summary', set).record(0.5);
            handle.timer('fuzz.started.timer', set).stop(set);
          }
        }),
        { numRuns: 300 * FUZZ_SCALE },
      );
    } finally {
      await handle.shutdown();
    }
  });

  it('warns once about an attribute set it cannot read', () => {
    const { provider } = createTestProvider();
    const metrics = createMetricsFacade(provider);
    for (let call = 0; call < 5; call++) metrics.counter('fuzz.unreadable', hostileProxy() as never).increment();
    expect(warnings.filter((warning) => warning.includes('could not be read'))).toHaveLength(1);
  });
});
