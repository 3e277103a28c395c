import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { createMetricsFacade } from '../../src/facade/create-metrics-facade';
import { summaryViews } from '../../src/facade/summary';
import { applyCollectTransforms } from '../../src/transform/apply-collect-transforms';
import { exponentialToExplicitHistograms } from '../../src/transform/exponential-to-explicit';
import { captureDiag, findMetric } from '../facade/support/metrics-test-kit';
import { bucketLines } from './support';

/** Serves `exporter`'s handler on 127.0.0.1 (a free port) and returns one scrape's body. */
async function scrape(exporter: PrometheusExporter): Promise<string> {
  const server = http.createServer((req, res) => exporter.getMetricsRequestHandler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    return await response.text();
  } finally {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }
}

describe('applyCollectTransforms', () => {
  let logs: ReturnType<typeof captureDiag>;
  beforeEach(() => (logs = captureDiag()));
  afterEach(() => logs.restore());

  it('makes the Prometheus exporter serve summaries as histograms (which it otherwise drops)', async () => {
    const plain = new PrometheusExporter({ preventServerStart: true });
    const transformed = new PrometheusExporter({ preventServerStart: true });
    applyCollectTransforms(transformed, [exponentialToExplicitHistograms]);
    const provider = new MeterProvider({ readers: [plain, transformed], views: summaryViews() });
    const sizes = createMetricsFacade(provider).summary('reply.size', { tool: 'search' });
    for (const v of [100, 200, 400]) sizes.record(v);

    try {
      const before = await scrape(plain);
      expect(bucketLines(before, 'reply_size')).toEqual([]);
      expect(logs.errors.some((e) => e.includes('Unrecognizable DataPointType'))).toBe(true);

      const after = await scrape(transformed);
      expect(after).toContain('# TYPE reply_size histogram');
      const buckets = bucketLines(after, 'reply_size');
      expect(buckets.length).toBeGreaterThan(3);
      expect(buckets.at(-1)).toEqual(['+Inf', 3]);
      expect(after).toMatch(/reply_size_count\{tool="search",[^}]*\} 3/);
      expect(after).toMatch(/reply_size_sum\{tool="search",[^}]*\} 700/);
    } finally {
      await provider.shutdown();
    }
  });

  it('transforms what a periodic reader hands its exporter, in order', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const order: string[] = [];
    const tag = (name: string) => (rm: ResourceMetrics) => {
      order.push(name);
      return rm;
    };
    applyCollectTransforms(reader, [tag('first'), exponentialToExplicitHistograms, tag('last')]);
    const provider = new MeterProvider({ readers: [reader], views: summaryViews() });
    createMetricsFacade(provider).summary('s').record(1);
    try {
      await provider.forceFlush();
      const exported = exporter.getMetrics().at(-1)!;
      expect(findMetric(exported, 's')?.dataPointType).toBe(DataPointType.HISTOGRAM);
      expect(order).toEqual(['first', 'last']);
    } finally {
      await provider.shutdown();
    }
  });

  it('skips a transform that throws, reports it once, and still exports', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    applyCollectTransforms(reader, [
      () => {
        throw new Error('transform bug');
      },
      exponentialToExplicitHistograms,
    ]);
    const provider = new MeterProvider({ readers: [reader], views: summaryViews() });
    createMetricsFacade(provider).summary('s').record(1);
    try {
      await provider.forceFlush();
      await provider.forceFlush();
      expect(exporter.getMetrics()).toHaveLength(2);
      expect(findMetric(exporter.getMetrics()[1]!, 's')?.dataPointType).toBe(DataPointType.HISTOGRAM);
      expect(logs.errors.filter((e) => e.includes('transform failed'))).toHaveLength(1);
    } finally {
      await provider.shutdown();
    }
  });

  it('leaves the reader alone when there is nothing to apply', () => {
    const reader = new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE) });
    const collect = reader.collect;
    applyCollectTransforms(reader, []);
    expect(reader.collect).toBe(collect);
  });
});
