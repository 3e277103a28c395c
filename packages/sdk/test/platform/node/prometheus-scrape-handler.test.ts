import { diag, DiagLogLevel } from '@opentelemetry/api';
import type { DiagLogger } from '@opentelemetry/api';
import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import type { MeterProvider, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { createPrometheusScrapeHandler, PROMETHEUS_CONTENT_TYPE } from '../../../src/platform/node/prometheus-scrape-handler.js';
import type { CollectingReader, PrometheusScrapeHandlerOptions } from '../../../src/platform/node/prometheus-scrape-handler.js';
import { PrometheusTextSerializer } from '../../../src/exporters/prometheus/prometheus-text-serializer.js';
import { httpRequest } from '../../peers/http-request.js';
import { pollUntil } from '../../peers/poll.js';
import { prometheusPipeline, recordSeries } from '../../exporters/prometheus/metrics-fixtures.js';

/** A serializer that records, for each chunk pulled, how many probe ticks had run by then. */
class ObservedSerializer extends PrometheusTextSerializer {
  pulled = 0;
  finished = false;
  readonly ticksAtPull: number[] = [];
  constructor(private readonly ticks: () => number = () => 0) {
    // OTel's names, so the bodies compare byte for byte with OTel's serializer.
    super({ withoutUnits: true });
  }
  override *chunks(metrics: ResourceMetrics, chunkLines?: number): Generator<string, void, undefined> {
    try {
      for (const chunk of super.chunks(metrics, chunkLines)) {
        this.pulled++;
        this.ticksAtPull.push(this.ticks());
        yield chunk;
      }
    } finally {
      this.finished = true;
    }
  }
}

interface Served {
  url: string;
  responses: ServerResponse[];
  close(): Promise<void>;
}

async function serve(reader: CollectingReader, options: PrometheusScrapeHandlerOptions = {}): Promise<Served> {
  // OTel's names (withoutUnits), so the bodies compare byte for byte with OTel's serializer.
  const handler = createPrometheusScrapeHandler(reader, { serializer: new PrometheusTextSerializer({ withoutUnits: true }), ...options });
  const responses: ServerResponse[] = [];
  const server = http.createServer((request, response) => {
    responses.push(response);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    responses,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A GET whose response stream the test controls. */
function openScrape(url: string, headers: Record<string, string> = {}): Promise<{ request: http.ClientRequest; response: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers }, (response) => resolve({ request, response }));
    request.on('error', reject);
  });
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createPrometheusScrapeHandler', () => {
  let provider: MeterProvider;
  let reader: CollectingReader;
  let served: Served | undefined;
  const otelText = async () => new PrometheusSerializer().serialize((await reader.collect()).resourceMetrics);

  beforeAll(() => {
    const pipeline = prometheusPipeline();
    provider = pipeline.provider;
    reader = pipeline.reader;
    recordSeries(provider, 10_000);
  });
  afterEach(async () => {
    await served?.close();
    served = undefined;
    diag.disable();
  });
  afterAll(() => provider.shutdown());

  it('serves 10k series in many chunks, byte for byte what OTel PrometheusSerializer prints', async () => {
    const serializer = new ObservedSerializer();
    served = await serve(reader, { serializer });
    const response = await httpRequest(served.url);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(PROMETHEUS_CONTENT_TYPE);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-encoding']).toBeUndefined();
    const text = response.body.toString('utf8');
    expect(text).toBe(await otelText());
    expect(text.split('\n').length).toBeGreaterThan(40_000);
    expect(serializer.pulled).toBeGreaterThan(40);
  });

  it('yields to the event loop between chunks: immediates and timers run while it serializes', async () => {
    let immediates = 0;
    let probing = true;
    const probe = (): void => {
      immediates++;
      if (probing) setImmediate(probe);
    };
    setImmediate(probe);
    const serializer = new ObservedSerializer(() => immediates);
    let timerFiredAtPull: number | undefined;
    const timed: CollectingReader = {
      collect: async () => {
        const result = await reader.collect();
        // Armed before the first chunk; a serializer that never yields would pull every chunk first.
        setTimeout(() => (timerFiredAtPull = serializer.pulled), 0);
        return result;
      },
    };
    served = await serve(timed, { serializer, compression: 'none' });
    try {
      expect((await httpRequest(served.url)).status).toBe(200);
    } finally {
      probing = false;
    }
    const ticks = serializer.ticksAtPull;
    expect(ticks.length).toBeGreaterThan(40);
    // Every pull after the first comes at least one loop turn (one probe tick) after the previous.
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]).toBeGreaterThan(ticks[i - 1]!);
    expect(timerFiredAtPull).toBeDefined();
    expect(timerFiredAtPull).toBeLessThan(ticks.length);
  });

  it.each(['none', 'gzip'] as const)('stops serializing when the scraper disconnects mid-scrape, without an error (compression: %s)', async (compression) => {
    const logged: unknown[][] = [];
    const record = (...args: unknown[]) => logged.push(args);
    const logger: DiagLogger = { error: record, warn: record, info: record, debug: record, verbose: record };
    diag.setLogger(logger, DiagLogLevel.WARN);
    const serializer = new ObservedSerializer();
    served = await serve(reader, { serializer, chunkLines: 100, compression });
    const { request, response } = await openScrape(served.url, { 'accept-encoding': 'gzip' });
    await new Promise<void>((resolve) => response.once('data', () => resolve()));
    request.destroy();
    await pollUntil(async () => (serializer.finished ? true : undefined), { what: 'the handler to stop', intervalMs: 5 });
    const total = [...new PrometheusTextSerializer().chunks((await reader.collect()).resourceMetrics, 100)].length;
    expect(serializer.pulled).toBeLessThan(total / 2);
    expect(logged).toEqual([]);
    // The server still serves the next scrape.
    expect((await httpRequest(served.url)).body.toString('utf8')).toBe(await otelText());
  });

  it('stops pulling chunks while the scraper does not read (backpressure), then finishes', async () => {
    const pipeline = prometheusPipeline();
    // About 10 MB of text: more than the socket buffers take (about 4 MB here).
    const long = 'x'.repeat(10_000);
    recordSeries(pipeline.provider, 1_000, (i) => `${long}${i}`);
    const serializer = new ObservedSerializer();
    served = await serve(pipeline.reader, { serializer, chunkLines: 10, compression: 'none' });
    try {
      const { response } = await openScrape(served.url);
      response.pause();
      const serverSide = served.responses[0]!;
      // Stalled: the buffer is full and no chunk is pulled for 50 loop turns.
      await pollUntil(
        async () => {
          const before = serializer.pulled;
          for (let i = 0; i < 50; i++) await turn();
          return serverSide.writableNeedDrain && serializer.pulled === before ? true : undefined;
        },
        { what: 'the handler to wait for drain', intervalMs: 1 },
      );
      const stalledAt = serializer.pulled;
      const total = [...new PrometheusTextSerializer().chunks((await pipeline.reader.collect()).resourceMetrics, 10)].length;
      expect(stalledAt).toBeLessThan(total / 2);
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      await new Promise<void>((resolve) => {
        response.once('end', resolve);
        response.resume();
      });
      expect(serializer.pulled).toBe(total);
      expect(Buffer.concat(chunks).toString('utf8')).toBe(new PrometheusSerializer().serialize((await pipeline.reader.collect()).resourceMetrics));
    } finally {
      await pipeline.provider.shutdown();
    }
  });

  it('compresses with gzip when the scraper accepts it, as Prometheus does', async () => {
    served = await serve(reader);
    const plain = await otelText();
    const gzipped = await httpRequest(served.url, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(gzipped.body).toString('utf8')).toBe(plain);
    expect(gzipped.body.length).toBeLessThan(plain.length / 10);

    for (const header of ['gzip;q=0', 'identity', 'br']) {
      const response = await httpRequest(served.url, { headers: { 'accept-encoding': header } });
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.body.toString('utf8')).toBe(plain);
    }
  });

  it('never compresses with compression: none', async () => {
    served = await serve(reader, { compression: 'none' });
    const response = await httpRequest(served.url, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toBeUndefined();
    expect(response.body.toString('utf8')).toBe(await otelText());
  });

  it('answers HEAD with the headers only, without collecting', async () => {
    let collections = 0;
    served = await serve({
      collect: () => {
        collections++;
        return reader.collect();
      },
    });
    const response = await httpRequest(served.url, { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(PROMETHEUS_CONTENT_TYPE);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.body.length).toBe(0);
    expect(collections).toBe(0);
  });

  it('answers 500 with the reason when collection fails, and reports it once through diag', async () => {
    const errors: unknown[][] = [];
    const ignore = () => undefined;
    diag.setLogger({ error: (...args: unknown[]) => errors.push(args), warn: ignore, info: ignore, debug: ignore, verbose: ignore }, DiagLogLevel.ALL);
    served = await serve({ collect: () => Promise.reject(new Error('MetricReader is shutdown')) });
    for (let i = 0; i < 2; i++) {
      const response = await httpRequest(served.url, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.status).toBe(500);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.body.toString('utf8')).toBe('# failed to collect metrics: MetricReader is shutdown\n');
    }
    expect(errors).toHaveLength(1);
    expect(String(errors[0]![0])).toContain('collecting metrics for a Prometheus scrape failed');
  });
});
