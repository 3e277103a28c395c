/**
 * The differential test of our own aggregation: the same recordings through the pipeline as it
 * ships (`buildPipeline`: our series) and through the same pipeline with `ownAggregation: false`
 * (OTel aggregates everything, views from the same plan) must export the same data: names, units,
 * descriptions, scope, temporality, attributes, boundaries, bucket counts, count, sum, min, max and
 * (cumulative) timestamps, across several collections.
 */
import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { DataPointType, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { createMetricsFacade } from '../../src/facade/metrics-facade';
import { AggregationTemporality, canonical, component, type PipelineSpec } from '../support/pipeline';
import { DYADIC_BUCKETS, dyadic, frozenOperationAttributes, freshOperationAttributes, mcpWorkload, runScript, sequence, type Script } from '../support/scenarios';

const { CUMULATIVE, DELTA } = AggregationTemporality;

/**
 * Both pipelines, same script; per collection and reader, the canonical form must be equal. Delta
 * start times are compared in series-producer.test.ts (the one documented difference).
 */
async function expectSameOutput(spec: PipelineSpec, script: Script): Promise<ResourceMetrics[][]> {
  const { collections: otel } = await runScript(false, spec, script);
  const { collections: own, ownHistograms } = await runScript(true, spec, script);
  // Every exported histogram came out of our series: the comparison is not OTel against itself.
  const exported = own.at(-1)!.flatMap((rm) => rm.scopeMetrics.flatMap((s) => s.metrics));
  const histograms = exported.filter((m) => m.dataPointType === DataPointType.HISTOGRAM).map((m) => m.descriptor.name);
  expect(histograms.length).toBeGreaterThan(0);
  expect(ownHistograms).toEqual(expect.arrayContaining(histograms));
  expect(own).toHaveLength(otel.length);
  otel.forEach((readers, c) =>
    readers.forEach((expected, r) => {
      const withTimes = spec.readers[r] !== DELTA;
      expect({ collection: c, reader: r, data: canonical(own[c]![r]!, withTimes) }).toEqual({
        collection: c,
        reader: r,
        data: canonical(expected, withTimes),
      });
    }),
  );
  return own;
}

/** Histogram points in an output: the test must not pass on empty data. */
function histogramPoints(resourceMetrics: ResourceMetrics): number {
  const histograms = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).filter((m) => m.dataPointType === DataPointType.HISTOGRAM);
  return histograms.reduce((n, m) => n + m.dataPoints.length, 0);
}

describe('our series vs plain OTel (ownAggregation: false): same export', () => {
  it('cumulative and delta readers over five collections (advice buckets, reused and fresh attribute objects)', async () => {
    const own = await expectSameOutput({ readers: [CUMULATIVE, DELTA] }, mcpWorkload(5));
    expect(histogramPoints(own[4]![0]!)).toBeGreaterThan(8);
  });

  it('a component view: custom buckets and an attribute allow-list', async () => {
    const spec: PipelineSpec = {
      readers: [CUMULATIVE, DELTA],
      components: { mcp: component({ histogramBuckets: [8, 0.5, 2, Infinity], attributes: ['gen_ai.tool.name', 'error.type'] }) },
    };
    const own = await expectSameOutput(spec, mcpWorkload(3, 2));
    const point = own[2]![0]!.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === 'mcp.server.operation.duration')!.dataPoints[0]!;
    expect(Object.keys(point.attributes).every((key) => key === 'gen_ai.tool.name' || key === 'error.type')).toBe(true);
  });

  it('histogram sampling on: same seed, same sampled measurements, same scale-back', async () => {
    const own = await expectSameOutput({ readers: [CUMULATIVE, DELTA], samplingRate: 0.25, seed: 42 }, mcpWorkload(3, 4));
    expect(histogramPoints(own[2]![0]!)).toBeGreaterThan(4);
  });

  /**
   * Limit 4: three series and the overflow series. OTel applies the limit per collection interval
   * (it admits the first three attribute sets recorded in each interval); our series admit
   * the first three for good (bounded memory, see histogram-storage.test.ts). Outputs agree
   * whenever each interval records the admitted series before new ones, as here.
   */
  const overflowScript: Script = async ({ provider, collect, advance }) => {
    const histogram = provider.getMeter('@mcp-otel/instrumentation/mcp').createHistogram('mcp.server.operation.duration', {
      unit: 's',
      advice: { explicitBucketBoundaries: DYADIC_BUCKETS },
    });
    const frozen = frozenOperationAttributes();
    const record = (tool: number, k: number): void => histogram.record(dyadic(k), tool % 2 === 0 ? frozen[tool] : freshOperationAttributes(tool));
    for (const [tool, k] of [[0, 1], [1, 30], [2, 64], [3, 100], [4, 5], [0, 7], [3, 9]] as const) {
      record(tool, k);
      advance(2);
    }
    await collect();
    for (const [tool, k] of [[0, 200], [1, 3], [2, 16], [4, 40], [3, 1]] as const) record(tool, k);
    advance(1000);
    await collect();
    record(1, 17);
    advance(1000);
    await collect();
    for (const [tool, k] of [[2, 8], [0, 2], [1, 600], [4, 4]] as const) record(tool, k);
    advance(1000);
    await collect();
  };

  it('overflow past the cardinality limit, over several collections', async () => {
    const own = await expectSameOutput({ readers: [CUMULATIVE, DELTA], cardinalityLimit: 4 }, overflowScript);
    const attributes = own[3]![0]!.scopeMetrics[0]!.metrics[0]!.dataPoints.map((p) => p.attributes);
    expect(attributes).toHaveLength(4);
    expect(attributes).toContainEqual({ 'otel.metric.overflow': true });
  });

  it('overflow with an allow-list view: the limit counts allow-listed sets', async () => {
    // Every measurement carries a unique request id; the allow-list drops it, so only the tools
    // count towards the limit (3: two tools and the overflow series).
    const script: Script = async ({ provider, collect, advance }) => {
      const histogram = provider.getMeter('@mcp-otel/instrumentation/mcp').createHistogram('mcp.server.operation.duration');
      let id = 0;
      const record = (tool: string, k: number): void => histogram.record(dyadic(k), { 'gen_ai.tool.name': tool, 'request.id': id++ });
      for (const round of [['a', 'b', 'a', 'c', 'b', 'd'], ['a', 'b', 'c', 'a'], ['b'], ['a', 'b', 'd', 'c']]) {
        round.forEach((tool, i) => record(tool, 3 + 17 * i));
        advance(1000);
        await collect();
      }
    };
    const spec: PipelineSpec = { readers: [CUMULATIVE, DELTA], cardinalityLimit: 3, components: { mcp: component({ attributes: ['gen_ai.tool.name'] }) } };
    const own = await expectSameOutput(spec, script);
    expect(own[3]![0]!.scopeMetrics[0]!.metrics[0]!.dataPoints.map((p) => p.attributes)).toEqual([
      { 'gen_ai.tool.name': 'a' },
      { 'gen_ai.tool.name': 'b' },
      { 'otel.metric.overflow': true },
    ]);
  });

  describe('through the real serializers', () => {
    const spec: PipelineSpec = { readers: ['prometheus'], components: { mcp: component({ attributes: ['gen_ai.tool.name', 'mcp.method.name', 'error.type'] }) } };

    it('PrometheusSerializer text is identical (metric families in any order)', async () => {
      const { collections: otel } = await runScript(false, spec, mcpWorkload(3, 5));
      const { collections: own, ownHistograms } = await runScript(true, spec, mcpWorkload(3, 5));
      expect(ownHistograms).toHaveLength(3);
      const serializer = new PrometheusSerializer();
      // One block per metric family (HELP, UNIT, TYPE, samples in export order); families sorted.
      const families = (rm: ResourceMetrics): string[] => serializer.serialize(rm).split(/\n(?=# HELP )/).map((block) => block.trim()).sort();
      for (let c = 0; c < otel.length; c++) {
        const expected = families(otel[c]![0]!);
        expect(families(own[c]![0]!)).toEqual(expected);
        expect(expected.join('\n')).toContain('mcp_server_operation_duration_bucket{mcp_method_name="tools/call",gen_ai_tool_name="get_weather"');
      }
    });

    it('OTLP JSON (the OTLP exporters’ own serializer) decodes to the same request', async () => {
      const { collections: otel } = await runScript(false, spec, mcpWorkload(2, 6));
      const { collections: own, ownHistograms } = await runScript(true, spec, mcpWorkload(2, 6));
      expect(ownHistograms).toHaveLength(3);
      const decode = (rm: ResourceMetrics): unknown => sortOtlp(JSON.parse(Buffer.from(JsonMetricsSerializer.serializeRequest(rm)!).toString('utf8')));
      expect(decode(own[1]![0]!)).toEqual(decode(otel[1]![0]!));
    });
  });
});

/**
 * Counter series: plain OTel counters and up-down counters on the plain-OTel pipeline; the same
 * recordings through facade handles (which are our series) on the other.
 */
describe('facade counters on our series vs plain OTel counters: same export', () => {
  const ROUTES = ['/a', '/b', '/c', '/d', '/e'];

  /** `collections` intervals of counter, up-down counter (zero nets included) and no-attribute adds. */
  function sumWorkload(mode: 'plain' | 'facade', collections: number, seed: number, maxHandlesPerInstrument?: number): Script {
    return async ({ provider, collect, advance }) => {
      const next = sequence(seed);
      let add: (kind: 'counter' | 'upDownCounter', name: string, value: number, attributes?: Record<string, string | number>) => void;
      const description = { description: 'Requests served', unit: '{request}' };
      if (mode === 'plain') {
        const meter = provider.getMeter('@mcp-otel/sdk/app');
        const requests = meter.createCounter('app.requests', description);
        const bytes = meter.createCounter('app.bytes', { description: undefined, unit: 'By' });
        const inFlight = meter.createUpDownCounter('app.in_flight', { description: undefined, unit: undefined });
        add = (kind, name, value, attributes) => (name === 'app.requests' ? requests : name === 'app.bytes' ? bytes : inFlight).add(value, attributes);
      } else {
        const facade = createMetricsFacade(provider, { maxHandlesPerInstrument });
        add = (kind, name, value, attributes) => {
          const options = name === 'app.requests' ? description : name === 'app.bytes' ? { unit: 'By' } : undefined;
          if (kind === 'counter') facade.counter(name, attributes, options).add(value);
          else facade.upDownCounter(name, attributes, options).add(value);
        };
      }
      for (let c = 0; c < collections; c++) {
        // Interval c uses routes 0..: some series idle in some intervals, new ones later.
        const routes = 1 + ((c * 2) % ROUTES.length);
        for (let i = 0; i < 40; i++) {
          const route = ROUTES[next(routes)]!;
          const status = next(2) === 0 ? 'ok' : 'error';
          // Key order varies: the same series either way.
          add('counter', 'app.requests', next(4), next(2) === 0 ? { route, status, 'request.id': i } : { 'request.id': i, status, route });
          add('upDownCounter', 'app.in_flight', next(5) - 2, { route });
          if (i % 6 === 0) add('counter', 'app.bytes', dyadic(next(900)));
          if (i % 13 === 0) advance(2);
        }
        advance(1000);
        await collect();
      }
    };
  }

  async function expectSameSums(spec: PipelineSpec, collections: number, seed: number, maxHandles?: number): Promise<ResourceMetrics[][]> {
    const { collections: otel } = await runScript(false, spec, sumWorkload('plain', collections, seed));
    const { collections: own, ownSums } = await runScript(true, spec, sumWorkload('facade', collections, seed, maxHandles));
    // Every exported sum came out of our series: the comparison is not OTel against itself.
    const exported = own.at(-1)![0]!.scopeMetrics.flatMap((s) => s.metrics);
    const sums = exported.filter((m) => m.dataPointType === DataPointType.SUM).map((m) => m.descriptor.name);
    expect(sums.sort()).toEqual(['app.bytes', 'app.in_flight', 'app.requests']);
    expect(ownSums).toEqual(sums);
    otel.forEach((readers, c) =>
      readers.forEach((expected, r) => {
        const withTimes = spec.readers[r] !== DELTA;
        expect({ collection: c, reader: r, data: canonical(own[c]![r]!, withTimes) }).toEqual({ collection: c, reader: r, data: canonical(expected, withTimes) });
      }),
    );
    return own;
  }

  const points = (rm: ResourceMetrics, name: string) => rm.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name)!.dataPoints;

  it('cumulative, delta and Prometheus readers over six collections (series idle, new, zero nets)', async () => {
    const own = await expectSameSums({ readers: [CUMULATIVE, DELTA, 'prometheus'], components: { app: component({ attributes: ['route', 'status'] }) } }, 6, 3);
    expect(points(own[5]![0]!, 'app.requests')).toHaveLength(10);
    expect(points(own[5]![0]!, 'app.in_flight').some((p) => (p.value as number) < 0)).toBe(true);
  });

  it('an allow-list merges series by summing; two delta readers each get their own differences', async () => {
    const spec: PipelineSpec = { readers: [DELTA, CUMULATIVE, DELTA], components: { app: component({ attributes: ['route'] }) } };
    const own = await expectSameSums(spec, 5, 9);
    expect(points(own[4]![1]!, 'app.requests').map((p) => Object.keys(p.attributes))).toEqual(ROUTES.map(() => ['route']));
  });

  /**
   * Limit 4: three series and the overflow series. OTel applies the limit per collection interval
   * as well (see the histogram overflow test above): outputs agree when each interval records the
   * admitted series before new ones, as here.
   */
  function overflowScript(mode: 'plain' | 'facade'): Script {
    return async ({ provider, collect, advance }) => {
      let add: (value: number, attributes: Record<string, string>) => void;
      let down: (value: number, attributes: Record<string, string>) => void;
      if (mode === 'plain') {
        const meter = provider.getMeter('@mcp-otel/sdk/app');
        const requests = meter.createCounter('app.requests');
        const inFlight = meter.createUpDownCounter('app.in_flight');
        add = (value, attributes) => requests.add(value, attributes);
        down = (value, attributes) => inFlight.add(value, attributes);
      } else {
        const facade = createMetricsFacade(provider);
        add = (value, attributes) => facade.counter('app.requests', attributes).add(value);
        down = (value, attributes) => facade.upDownCounter('app.in_flight', attributes).add(value);
      }
      const rounds: string[][] = [['/a', '/b', '/c', '/d', '/e', '/a', '/d'], ['/a', '/b', '/c', '/e', '/d'], ['/b'], ['/a', '/c', '/b', '/e', '/d']];
      for (const round of rounds) {
        round.forEach((route, i) => {
          add(i + 1, { route });
          down(i % 2 === 0 ? 2 : -3, { route });
          advance(2);
        });
        advance(1000);
        await collect();
      }
    };
  }

  it('overflow past the cardinality limit (limit 4: three series and the overflow series)', async () => {
    const spec: PipelineSpec = { readers: [CUMULATIVE, DELTA], cardinalityLimit: 4 };
    const { collections: otel } = await runScript(false, spec, overflowScript('plain'));
    const { collections: own, ownSums } = await runScript(true, spec, overflowScript('facade'));
    expect(ownSums).toEqual(['app.in_flight', 'app.requests']);
    otel.forEach((readers, c) =>
      readers.forEach((expected, r) => {
        const withTimes = spec.readers[r] !== DELTA;
        expect({ collection: c, reader: r, data: canonical(own[c]![r]!, withTimes) }).toEqual({ collection: c, reader: r, data: canonical(expected, withTimes) });
      }),
    );
    const attributes = points(own[3]![0]!, 'app.requests').map((p) => p.attributes);
    expect(attributes).toHaveLength(4);
    expect(attributes).toContainEqual({ 'otel.metric.overflow': true });
  });

  it('with a small facade handle bound (it bounds only OTel-aggregated handles), the same streams', async () => {
    const own = await expectSameSums({ readers: [CUMULATIVE, DELTA], components: { app: component({ attributes: ['route', 'status'] }) } }, 4, 11, 2);
    expect(points(own[3]![0]!, 'app.requests').length).toBeGreaterThan(2);
  });
});

type Json = Record<string, unknown>;

/** Sorts the lists of an OTLP JSON request whose order carries no meaning. */
function sortOtlp(request: Json): Json {
  const byKey = <T>(key: (item: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  for (const resource of request.resourceMetrics as Json[]) {
    const scopes = resource.scopeMetrics as Json[];
    scopes.sort(byKey((s) => JSON.stringify(s.scope)));
    for (const scope of scopes) {
      const metrics = scope.metrics as Json[];
      metrics.sort(byKey((m) => m.name as string));
      for (const metric of metrics) {
        const histogram = metric.histogram as { dataPoints: Json[] } | undefined;
        histogram?.dataPoints.sort(byKey((p) => JSON.stringify(p.attributes)));
        const sum = metric.sum as { dataPoints: Json[] } | undefined;
        sum?.dataPoints.sort(byKey((p) => JSON.stringify(p.attributes)));
      }
    }
  }
  return request;
}
