/**
 * A minimal OTLP/HTTP JSON receiver on 127.0.0.1 for an instrumentation that only exports over OTLP
 * (no way to plug in an in-memory exporter): it answers 200 at once and keeps the bodies, which are
 * parsed only when counted, after the measurement, so the sink adds almost nothing to the measured
 * process beyond receiving the requests. Bodies past `maxBytes` are counted as requests only.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface OtlpSink {
  /** Base URL; the exporters append `/traces` and `/metrics`. */
  url: string;
  /**
   * Waits until every request received so far is read, then counts the spans of all trace exports
   * and the data points of the last metrics export (exports are cumulative by default).
   */
  count(): Promise<{ spans: number; metricPoints: number; requests: number }>;
  close(): Promise<void>;
}

interface Received {
  path: string;
  body: Buffer;
}

type Json = Record<string, unknown[] | undefined>;
const list = (value: unknown, key: string): Json[] => ((value as Json | undefined)?.[key] ?? []) as Json[];

function countBody({ path, body }: Received): { spans: number; metricPoints: number } {
  const json = JSON.parse(body.toString('utf8')) as unknown;
  if (path.endsWith('/traces')) {
    const spans = list(json, 'resourceSpans').flatMap((rs) => list(rs, 'scopeSpans')).flatMap((ss) => list(ss, 'spans'));
    return { spans: spans.length, metricPoints: 0 };
  }
  const metrics = list(json, 'resourceMetrics').flatMap((rm) => list(rm, 'scopeMetrics')).flatMap((sm) => list(sm, 'metrics'));
  const points = metrics.flatMap((m) => ['sum', 'gauge', 'histogram', 'exponentialHistogram'].flatMap((kind) => list(m[kind], 'dataPoints')));
  return { spans: 0, metricPoints: points.length };
}

export async function startOtlpSink(maxBytes = 256 * 1024 * 1024): Promise<OtlpSink> {
  const received: Received[] = [];
  const reading = new Set<Promise<void>>();
  let requests = 0;
  let bytes = 0;
  const server = createServer((req: IncomingMessage, res) => {
    requests++;
    const chunks: Buffer[] = [];
    const done = new Promise<void>((resolve) => {
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('error', () => resolve());
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        bytes += raw.length;
        if (bytes <= maxBytes) received.push({ path: req.url ?? '', body: req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        resolve();
      });
    });
    reading.add(done);
    void done.then(() => reading.delete(done));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    count: async () => {
      await Promise.all(reading);
      const totals = { spans: 0, metricPoints: 0, requests };
      for (const r of received) {
        const c = countBody(r);
        totals.spans += c.spans;
        if (!r.path.endsWith('/traces')) totals.metricPoints = c.metricPoints;
      }
      return totals;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
