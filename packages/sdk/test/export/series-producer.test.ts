import { hrTimeToMilliseconds } from '@opentelemetry/core';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type DataPoint,
  type Histogram,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { StorageRegistry } from '../../src/aggregate/storage-registry';
import { SeriesProducer } from '../../src/export/series-producer';
import { RoutingMeterProvider } from '../../src/meter/routing-meter-provider';
import { createPlan } from '../../src/plan/plan';
import { TestReader } from '../facade/support/metrics-test-kit';
import { resolvedConfig } from '../support/resolved-config';
import { runScript, type Script } from '../support/scenarios';
import { fakeClock, pointsOf } from '../support/pipeline';

/** A provider whose readers each carry a producer of one registry, wired as buildPipeline wires them. */
function wired(temporalities: AggregationTemporality[], exporter?: InMemoryMetricExporter) {
  const config = resolvedConfig();
  const registry = new StorageRegistry({ cardinalityLimit: config.cardinalityLimit });
  const readers = temporalities.map(
    (temporality) => new TestReader({ aggregationTemporalitySelector: () => temporality, metricProducers: [new SeriesProducer(registry, () => temporality)] }),
  );
  const all = exporter === undefined ? readers : [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000, metricProducers: [new SeriesProducer(registry, exporter.selectAggregationTemporality.bind(exporter))] })];
  const sdk = new MeterProvider({ readers: all });
  return { readers, registry, sdk, provider: new RoutingMeterProvider(sdk, createPlan(config), registry) };
}

const { CUMULATIVE, DELTA } = AggregationTemporality;
const T0 = 1_750_000_000_000;

type Point = { tool: unknown; start: number; end: number; count: number; sum: number | undefined; min: number | undefined; max: number | undefined };

function simplify(resourceMetrics: ResourceMetrics, name = 'x'): Point[] {
  return (pointsOf(resourceMetrics, name) as DataPoint<Histogram>[])
    .map((p) => ({
      tool: p.attributes.tool,
      start: hrTimeToMilliseconds(p.startTime) - T0,
      end: hrTimeToMilliseconds(p.endTime) - T0,
      count: p.value.count,
      sum: p.value.sum,
      min: p.value.min,
      max: p.value.max,
    }))
    .sort((a, b) => String(a.tool).localeCompare(String(b.tool)));
}

/**
 * t=0 a; t=10 collect; t=20 a, b; t=30 collect; t=40 (idle); t=50 collect; t=60 a; t=70 collect.
 * Series a is new, then continuing, then idle, then active again.
 */
const script: Script = async ({ provider, collect, advance }) => {
  const h = provider.getMeter('m').createHistogram('x');
  h.record(1, { tool: 'a' });
  advance(10);
  await collect();
  advance(10);
  h.record(2, { tool: 'a' });
  h.record(8, { tool: 'a' });
  h.record(3, { tool: 'b' });
  advance(10);
  await collect();
  advance(20);
  await collect();
  advance(10);
  h.record(5, { tool: 'a' });
  advance(10);
  await collect();
};

describe('SeriesProducer', () => {
  it('cumulative: start at the first measurement, end at each collection, totals since the start', async () => {
    const { collections } = await runScript(true, { readers: [CUMULATIVE] }, script);
    expect(simplify(collections[3]![0]!)).toEqual([
      { tool: 'a', start: 0, end: 70, count: 4, sum: 16, min: 1, max: 8 },
      { tool: 'b', start: 20, end: 70, count: 1, sum: 3, min: 3, max: 3 },
    ]);
    expect(simplify(collections[0]![0]!)).toEqual([{ tool: 'a', start: 0, end: 10, count: 1, sum: 1, min: 1, max: 1 }]);
  });

  it('delta: per-interval count, sum, min and max; idle series left out; start times as OTel where OTel is per spec', async () => {
    const otel = await runScript(false, { readers: [DELTA] }, script);
    const own = await runScript(true, { readers: [DELTA] }, script);
    const ownPoints = own.collections.map((c) => (c[0]!.scopeMetrics.length === 0 ? [] : simplify(c[0]!)));
    const otelPoints = otel.collections.map((c) => (c[0]!.scopeMetrics.length === 0 ? [] : simplify(c[0]!)));
    expect(ownPoints).toEqual([
      [{ tool: 'a', start: 0, end: 10, count: 1, sum: 1, min: 1, max: 1 }],
      [
        // Continuing series: from the previous collection. New series: from its first measurement.
        { tool: 'a', start: 10, end: 30, count: 2, sum: 10, min: 2, max: 8 },
        { tool: 'b', start: 20, end: 30, count: 1, sum: 3, min: 3, max: 3 },
      ],
      [],
      // Idle in the previous interval: from the previous collection (the spec's delta start time).
      [{ tool: 'a', start: 50, end: 70, count: 1, sum: 5, min: 5, max: 5 }],
    ]);
    // OTel 2.12 agrees except for the series that was idle: it starts it at its first new measurement.
    expect(otelPoints.slice(0, 3)).toEqual(ownPoints.slice(0, 3));
    expect(otelPoints[3]).toEqual([{ ...ownPoints[3]![0]!, start: 60 }]);
  });

  it('readers collecting at different times each get their own deltas (two delta readers, one cumulative)', async () => {
    const clock = fakeClock(T0);
    const { readers, sdk, provider } = wired([DELTA, DELTA, CUMULATIVE]);
    try {
      const h = provider.getMeter('m').createHistogram('x');
      const counts = async (reader: TestReader): Promise<number[]> => {
        const { resourceMetrics } = await reader.collect();
        return resourceMetrics.scopeMetrics.length === 0 ? [] : (pointsOf(resourceMetrics, 'x') as DataPoint<Histogram>[]).map((p) => p.value.count);
      };
      h.record(1, { tool: 'a' });
      expect(await counts(readers[0]!)).toEqual([1]);
      h.record(1, { tool: 'a' });
      expect(await counts(readers[1]!)).toEqual([2]);
      h.record(1, { tool: 'a' });
      expect(await counts(readers[0]!)).toEqual([2]);
      expect(await counts(readers[1]!)).toEqual([1]);
      expect(await counts(readers[2]!)).toEqual([3]);
      expect(await counts(readers[0]!)).toEqual([]);
    } finally {
      await sdk.shutdown();
      clock.restore();
    }
  });

  it('takes temporality from a push exporter, through a real PeriodicExportingMetricReader', async () => {
    const exporter = new InMemoryMetricExporter(DELTA);
    const { sdk, provider } = wired([], exporter);
    try {
      const h = provider.getMeter('m').createHistogram('x');
      h.record(3, { tool: 'a' });
      await sdk.forceFlush();
      h.record(4, { tool: 'a' });
      await sdk.forceFlush();
      const exported = exporter.getMetrics().map((rm) => (pointsOf(rm, 'x') as DataPoint<Histogram>[]).map((p) => p.value.sum));
      expect(exported).toEqual([[3], [4]]);
      expect(exporter.getMetrics()[1]!.scopeMetrics[0]!.metrics[0]!.aggregationTemporality).toBe(DELTA);
    } finally {
      await sdk.shutdown();
    }
  });

  it('reports a failure as a collection error instead of rejecting', async () => {
    const { readers, registry, sdk, provider } = wired([CUMULATIVE]);
    try {
      provider.getMeter('m').createHistogram('x').record(1);
      const broken = new Error('broken storage');
      const [scope] = registry.scopes.values();
      scope!.storages.set('broken', {
        descriptor: { type: 'HISTOGRAM' },
        collect: () => {
          throw broken;
        },
      } as never);
      const { errors } = await readers[0]!.collect();
      expect(errors).toEqual([broken]);
    } finally {
      await sdk.shutdown();
    }
  });
});
