import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import type { CollectionResult, MeterProvider } from '@opentelemetry/sdk-metrics';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { createPrometheusScrapeHandler } from '../../../src/platform/node/prometheus-scrape-handler.js';
import type { CollectingReader, PrometheusScrapeHandlerOptions } from '../../../src/platform/node/prometheus-scrape-handler.js';
import { PrometheusTextSerializer } from '../../../src/exporters/prometheus/prometheus-text-serializer.js';
import { httpRequest } from '../../peers/http-request.js';
import { prometheusPipeline, recordSeries } from '../../exporters/prometheus/metrics-fixtures.js';

// Issue 10 finding 4: every parallel scrape ran its own full collection, so 50-100 scrapes blocked
// the host for 0.2-0.5 s. Now scrapes share one collection and one exposition.

interface Counted extends CollectingReader {
  collections: number;
  /** Holds each collection until `release()`, when set. */
  hold?: Promise<void>;
}

function counted(reader: CollectingReader): Counted {
  const wrapper: Counted = {
    collections: 0,
    collect: async (options) => {
      wrapper.collections++;
      const result = await reader.collect(options);
      await wrapper.hold;
      return result;
    },
  };
  return wrapper;
}

async function serve(
  reader: CollectingReader,
  options: PrometheusScrapeHandlerOptions = {},
  onRequest: () => void = () => undefined,
): Promise<{ url: string; close(): Promise<void> }> {
  // OTel's names (withoutUnits), so the bodies compare byte for byte with OTel's serializer.
  const handler = createPrometheusScrapeHandler(reader, { serializer: new PrometheusTextSerializer({ withoutUnits: true }), ...options });
  const server = http.createServer((request, response) => {
    onRequest();
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// The 50 answers wait for one collection of 10k series and 25 gzips: what this test proves is that
// they share it, not how fast it is, and a loaded machine once took over the helper's default 5 s.
const SLOW_MACHINE_MS = 25_000;

describe('createPrometheusScrapeHandler under concurrent scrapes', () => {
  let provider: MeterProvider;
  let reader: CollectingReader;
  let served: { url: string; close(): Promise<void> } | undefined;

  beforeAll(() => {
    const pipeline = prometheusPipeline();
    provider = pipeline.provider;
    reader = pipeline.reader;
    recordSeries(provider, 10_000);
  });
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });
  afterAll(() => provider.shutdown());

  it('serves 50 parallel scrapes of 10k series from one collection, every body complete (plain and gzip)', async () => {
    const source = counted(reader);
    let release!: () => void;
    source.hold = new Promise((resolve) => (release = resolve));
    let arrived = 0;
    // The collection is held until every request has arrived, so all of them must join it.
    served = await serve(source, { maxConcurrentScrapes: 64 }, () => ++arrived === 50 && release());
    const expected = new PrometheusSerializer().serialize((await reader.collect()).resourceMetrics);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => httpRequest(served!.url, { headers: i % 2 === 0 ? { 'accept-encoding': 'gzip' } : {}, timeoutMs: SLOW_MACHINE_MS })),
    );
    expect(source.collections).toBe(1);
    for (const [i, response] of responses.entries()) {
      expect(response.status).toBe(200);
      const body = i % 2 === 0 ? gunzipSync(response.body) : response.body;
      expect(body.toString('utf8')).toBe(expected);
    }
  });

  it('collects again for a scrape that comes after the last one finished', async () => {
    const source = counted(reader);
    served = await serve(source);
    await httpRequest(served.url);
    await httpRequest(served.url);
    expect(source.collections).toBe(2);
  });

  it('serves the last collection again within minScrapeIntervalMs', async () => {
    const source = counted(reader);
    let now = 1_000;
    served = await serve(source, { minScrapeIntervalMs: 5_000, now: () => now });
    await httpRequest(served.url);
    now += 4_999;
    await httpRequest(served.url);
    expect(source.collections).toBe(1);
    now += 1;
    await httpRequest(served.url);
    expect(source.collections).toBe(2);
  });

  it('answers 503 with Retry-After past maxConcurrentScrapes, and serves again once they end', async () => {
    const source = counted(reader);
    let release!: () => void;
    source.hold = new Promise((resolve) => (release = resolve));
    served = await serve(source, { maxConcurrentScrapes: 2 });
    const first = [httpRequest(served.url), httpRequest(served.url)];
    await new Promise((resolve) => setTimeout(resolve, 50)); // both accepted and waiting
    const third = await httpRequest(served.url);
    expect(third.status).toBe(503);
    expect(third.headers['retry-after']).toBe('1');
    release();
    expect((await Promise.all(first)).map((response) => response.status)).toEqual([200, 200]);
    source.hold = undefined;
    expect((await httpRequest(served.url)).status).toBe(200);
  });

  it('leaves out an observable callback that never answers, after scrapeTimeoutMs, and serves the rest', async () => {
    const pipeline = prometheusPipeline();
    const meter = pipeline.provider.getMeter('hung');
    meter.createObservableGauge('hung.gauge').addCallback(() => new Promise(() => undefined));
    meter.createCounter('still.here').add(3);
    served = await serve(pipeline.reader, { scrapeTimeoutMs: 200 });
    const started = Date.now();
    const response = await httpRequest(served.url);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.status).toBe(200);
    expect(response.body.toString('utf8')).toContain('still_here_total');
    await pipeline.provider.shutdown();
  });

  it('shares one failed collection between the scrapes that joined it, each answered 500', async () => {
    let collections = 0;
    const failing: CollectingReader = {
      collect: async (): Promise<CollectionResult> => {
        collections++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('MetricReader is shutdown');
      },
    };
    served = await serve(failing, { logger: { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined } });
    const responses = await Promise.all(Array.from({ length: 5 }, () => httpRequest(served!.url)));
    expect(responses.map((response) => response.status)).toEqual([500, 500, 500, 500, 500]);
    expect(collections).toBe(1);
  });
});
