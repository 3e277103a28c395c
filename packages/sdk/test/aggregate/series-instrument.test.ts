import { diag, ValueType, type Attributes, type DiagLogger, DiagLogLevel } from '@opentelemetry/api';
import type { Histogram as HistogramValue } from '@opentelemetry/sdk-metrics';
import { SeriesInstrument } from '../../src/aggregate/series-instrument';
import { captureDiag } from '../facade/support/metrics-test-kit';
import { runScript, type Script } from '../support/scenarios';
import { AggregationTemporality, buildTestPipeline, canonical, pointsOf, type TestPipeline } from '../support/pipeline';

const { CUMULATIVE } = AggregationTemporality;

let pipeline: TestPipeline;
beforeEach(() => {
  pipeline = buildTestPipeline(true, { readers: [CUMULATIVE] });
});
afterEach(async () => {
  diag.disable();
  await pipeline.shutdown();
});

function histogram(name = 'op.duration', valueType?: ValueType): ReturnType<ReturnType<TestPipeline['provider']['getMeter']>['createHistogram']> {
  return pipeline.provider.getMeter('@mcp-otel/instrumentation/mcp').createHistogram(name, { unit: 's', valueType });
}

async function values(name = 'op.duration'): Promise<{ attributes: Attributes; value: HistogramValue }[]> {
  const [resourceMetrics] = await pipeline.collect();
  return pointsOf(resourceMetrics!, name).map((p) => ({ attributes: p.attributes, value: p.value as HistogramValue }));
}

describe('SeriesInstrument (a histogram our series take)', () => {
  it('is what the pipeline hands out for a histogram the plan routes to our series', () => {
    expect(histogram()).toBeInstanceOf(SeriesInstrument);
  });

  it('drops invalid values with one diag warning per problem and metric, and keeps recording', async () => {
    const diagnostics = captureDiag();
    const h = histogram();
    for (const bad of [Number.NaN, -1, -Infinity, '3', null, undefined, {}]) h.record(bad as number);
    h.record(2);
    h.record(-5);
    h.record(Number.NaN);
    // NaN, negative, infinite, not a number (a string, null, undefined, an object: one problem).
    expect(diagnostics.warnings).toHaveLength(4);
    expect(diagnostics.warnings[0]).toMatch(/histogram "op\.duration" got NaN; the value was dropped .*Record a finite number >= 0/);
    expect(diagnostics.warnings.slice(1).map((w) => /got (\S+);/.exec(w)?.[1])).toEqual(['-1', '-Infinity', '"3"']);
    const [point] = await values();
    expect(point!.value).toMatchObject({ count: 1, sum: 2, min: 2, max: 2 });
  });

  it('truncates fractional values of an INT histogram (as OTel), warning once', async () => {
    const diagnostics = captureDiag();
    const h = histogram('int.sizes', ValueType.INT);
    h.record(2.9);
    h.record(3.2);
    h.record(Infinity);
    expect(diagnostics.warnings).toEqual([expect.stringMatching(/value type INT and was given 2\.9/)]);
    const [point] = await values('int.sizes');
    expect(point!.value).toMatchObject({ count: 2, sum: 5, min: 2, max: 3 });
  });

  it('never throws into the host, even when attributes and the diag logger throw', async () => {
    const throwing = (): never => {
      throw new Error('logger down');
    };
    const logger: DiagLogger = { error: throwing, warn: throwing, info: throwing, debug: throwing, verbose: throwing };
    diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
    const hostile = Object.defineProperty({}, 'tool', {
      enumerable: true,
      get: () => {
        throw new Error('getter');
      },
    }) as Attributes;
    const h = histogram();
    expect(() => h.record(1, hostile)).not.toThrow();
    expect(() => h.record(Number.NaN)).not.toThrow();
    h.record(4, { tool: 'ok' });
    expect(await values()).toEqual([expect.objectContaining({ attributes: { tool: 'ok' } })]);
  });

  it('follows a reused mutable attribute object through its mutations (it is hashed, not cached)', async () => {
    const h = histogram();
    const attributes: Attributes = { tool: 'a' };
    h.record(1, attributes);
    attributes.tool = 'b';
    h.record(2, attributes);
    attributes.extra = 1;
    h.record(3, attributes);
    const points = await values();
    expect(points.map((p) => [p.attributes, p.value.count])).toEqual([
      [{ tool: 'a' }, 1],
      [{ tool: 'b' }, 1],
      [{ tool: 'b', extra: 1 }, 1],
    ]);
  });

  it('keeps a copy of the first attribute object, so mutating it later changes nothing exported', async () => {
    const h = histogram();
    const attributes: Attributes = { tool: 'a' };
    h.record(1, attributes);
    attributes.tool = 'mutated';
    h.record(1, { tool: 'a' });
    expect((await values()).map((p) => [p.attributes, p.value.count])).toEqual([[{ tool: 'a' }, 2]]);
  });

  it('treats undefined and {} as one series, and key order and -0/0 as OTel does', async () => {
    const script: Script = async ({ provider, collect }) => {
      const h = provider.getMeter('m').createHistogram('x');
      h.record(1);
      h.record(2, {});
      h.record(3, Object.freeze({}));
      h.record(4, { a: 1, b: 'x' });
      h.record(5, { b: 'x', a: 1 });
      h.record(6, { a: -0, b: 'x' });
      h.record(7, { a: '1', b: 'x' });
      // Values the API types forbid but JavaScript callers pass: classed as OTel's JSON hash classes them.
      const loose = (attributes: Record<string, unknown>): Attributes => attributes as Attributes;
      h.record(8, loose({ a: null, b: 'x' }));
      h.record(9, { a: Number.NaN, b: 'x' });
      h.record(10, loose({ a: ['v', 1], b: 'x' }));
      h.record(11, Object.freeze(loose({ a: Object.freeze(['v', 1]), b: 'x' })));
      h.record(12, { a: true });
      h.record(13, { a: 'true' });
      await collect();
    };
    const spec = { readers: [CUMULATIVE] };
    const otel = await runScript(false, spec, script);
    const own = await runScript(true, spec, script);
    expect(own.ownHistograms).toEqual(['x']);
    expect(canonical(own.collections[0]![0]!)).toEqual(canonical(otel.collections[0]![0]!));
  });
});
