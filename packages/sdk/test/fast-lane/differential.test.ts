/**
 * The differential test of the histogram fast lane (issue 5): the same recordings through the plain
 * OTel path and through the fast lane, with the production wiring, must export the same data:
 * names, units, descriptions, scope, temporality, attributes, boundaries, bucket counts, count,
 * sum, min, max and (cumulative) timestamps, across several collections.
 */
import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { AggregationType, DataPointType, type AggregationOption, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, canonical, component, type PipelineSpec } from './support';
import { DYADIC_BUCKETS, dyadic, frozenOperationAttributes, freshOperationAttributes, mcpWorkload, runScript, type Script } from './scenarios';

const { CUMULATIVE, DELTA } = AggregationTemporality;

/**
 * Both lanes, same script; per collection and reader, the canonical form must be equal. Delta
 * start times are compared in fast-lane-producer.test.ts (the one documented difference).
 */
async function expectSameOutput(spec: PipelineSpec, script: Script): Promise<ResourceMetrics[][]> {
  const { collections: otel } = await runScript('otel', spec, script);
  const { collections: fast, fastHistograms } = await runScript('fast', spec, script);
  // Every exported histogram came out of the fast lane: the comparison is not OTel against itself.
  const exported = fast.at(-1)!.flatMap((rm) => rm.scopeMetrics.flatMap((s) => s.metrics));
  const histograms = exported.filter((m) => m.dataPointType === DataPointType.HISTOGRAM).map((m) => m.descriptor.name);
  expect(histograms.length).toBeGreaterThan(0);
  expect(fastHistograms).toEqual(expect.arrayContaining(histograms));
  expect(fast).toHaveLength(otel.length);
  otel.forEach((readers, c) =>
    readers.forEach((expected, r) => {
      const withTimes = spec.readers[r] !== DELTA;
      expect({ collection: c, reader: r, data: canonical(fast[c]![r]!, withTimes) }).toEqual({
        collection: c,
        reader: r,
        data: canonical(expected, withTimes),
      });
    }),
  );
  return fast;
}

/** Histogram points in an output: the test must not pass on empty data. */
function histogramPoints(resourceMetrics: ResourceMetrics): number {
  const histograms = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).filter((m) => m.dataPointType === DataPointType.HISTOGRAM);
  return histograms.reduce((n, m) => n + m.dataPoints.length, 0);
}

describe('fast lane vs plain OTel: same export', () => {
  it('cumulative and delta readers over five collections (advice buckets, reused and fresh attribute objects)', async () => {
    const fast = await expectSameOutput({ readers: [CUMULATIVE, DELTA] }, mcpWorkload(5));
    expect(histogramPoints(fast[4]![0]!)).toBeGreaterThan(8);
  });

  it('a component view: custom buckets and an attribute allow-list', async () => {
    const spec: PipelineSpec = {
      readers: [CUMULATIVE, DELTA],
      components: { mcp: component({ histogramBuckets: [8, 0.5, 2, Infinity], attributes: ['gen_ai.tool.name', 'error.type'] }) },
    };
    const fast = await expectSameOutput(spec, mcpWorkload(3, 2));
    const point = fast[2]![0]!.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === 'mcp.server.operation.duration')!.dataPoints[0]!;
    expect(Object.keys(point.attributes).every((key) => key === 'gen_ai.tool.name' || key === 'error.type')).toBe(true);
  });

  it('readers that select explicit buckets without min/max', async () => {
    const readerAggregation: AggregationOption = { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [1, 4, 0.25], recordMinMax: false } };
    await expectSameOutput({ readers: [CUMULATIVE, DELTA], readerAggregation }, mcpWorkload(2, 3));
  });

  it('histogram sampling on: same seed, same sampled measurements, same scale-back', async () => {
    const fast = await expectSameOutput({ readers: [CUMULATIVE, DELTA], samplingRate: 0.25, seed: 42 }, mcpWorkload(3, 4));
    expect(histogramPoints(fast[2]![0]!)).toBeGreaterThan(4);
  });

  /**
   * Limit 4: three series and the overflow series. OTel applies the limit per collection interval
   * (it admits the first three attribute sets recorded in each interval); the fast lane admits
   * the first three for good (bounded memory, see fast-histogram-storage.test.ts). Outputs agree
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
    const fast = await expectSameOutput({ readers: [CUMULATIVE, DELTA], cardinalityLimit: 4 }, overflowScript);
    const attributes = fast[3]![0]!.scopeMetrics[0]!.metrics[0]!.dataPoints.map((p) => p.attributes);
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
    const fast = await expectSameOutput(spec, script);
    expect(fast[3]![0]!.scopeMetrics[0]!.metrics[0]!.dataPoints.map((p) => p.attributes)).toEqual([
      { 'gen_ai.tool.name': 'a' },
      { 'gen_ai.tool.name': 'b' },
      { 'otel.metric.overflow': true },
    ]);
  });

  describe('through the real serializers', () => {
    const spec: PipelineSpec = { readers: ['prometheus'], components: { mcp: component({ attributes: ['gen_ai.tool.name', 'mcp.method.name', 'error.type'] }) } };

    it('PrometheusSerializer text is identical (metric families in any order)', async () => {
      const { collections: otel } = await runScript('otel', spec, mcpWorkload(3, 5));
      const { collections: fast, fastHistograms } = await runScript('fast', spec, mcpWorkload(3, 5));
      expect(fastHistograms).toHaveLength(3);
      const serializer = new PrometheusSerializer();
      // One block per metric family (HELP, UNIT, TYPE, samples in export order); families sorted.
      const families = (rm: ResourceMetrics): string[] => serializer.serialize(rm).split(/\n(?=# HELP )/).map((block) => block.trim()).sort();
      for (let c = 0; c < otel.length; c++) {
        const expected = families(otel[c]![0]!);
        expect(families(fast[c]![0]!)).toEqual(expected);
        expect(expected.join('\n')).toContain('mcp_server_operation_duration_bucket{mcp_method_name="tools/call",gen_ai_tool_name="get_weather"');
      }
    });

    it('OTLP JSON (the OTLP exporters’ own serializer) decodes to the same request', async () => {
      const { collections: otel } = await runScript('otel', spec, mcpWorkload(2, 6));
      const { collections: fast, fastHistograms } = await runScript('fast', spec, mcpWorkload(2, 6));
      expect(fastHistograms).toHaveLength(3);
      const decode = (rm: ResourceMetrics): unknown => sortOtlp(JSON.parse(Buffer.from(JsonMetricsSerializer.serializeRequest(rm)!).toString('utf8')));
      expect(decode(fast[1]![0]!)).toEqual(decode(otel[1]![0]!));
    });
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
