import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { OtlpExportRequest } from './otlp-decoded.js';
import { decodeOtlpRequest, loadOtlpMetricsProto } from './otlp-proto.js';
import { pollUntil } from './poll.js';

/** One accepted export. */
export interface ReceivedExport {
  path: string;
  encoding: 'protobuf' | 'json';
  /** `content-encoding` as sent, e.g. `gzip`. */
  contentEncoding: string | undefined;
  headers: http.IncomingHttpHeaders;
  /** The request decoded by protobufjs from the official `.proto` files. */
  request: OtlpExportRequest;
}

/** One request the receiver refused (answered 4xx), with why. */
export interface RejectedExport {
  path: string;
  status: number;
  reason: string;
}

/** An OTLP/HTTP metrics receiver on 127.0.0.1 that decodes protobuf and JSON with the official protos. */
export interface OtlpReceiver {
  /** `http://127.0.0.1:<port>/v1/metrics` */
  readonly url: string;
  readonly received: ReceivedExport[];
  readonly rejected: RejectedExport[];
  /** Polls until `count` exports were accepted. @param timeoutMs @default 5000 */
  waitForExports(count: number, timeoutMs?: number): Promise<ReceivedExport[]>;
  close(): Promise<void>;
}

/**
 * Starts the receiver. Bodies are decoded with `decodeOtlpRequest` (otlp-proto.ts): JSON bodies are checked for
 * unknown keys and non-integer enums (OTLP/JSON rules), converted with `fromObject`, then encoded and
 * decoded again so both encodings hand out exactly the same shape. gzip bodies are unpacked first.
 * Accepted exports get 200 with an empty `ExportMetricsServiceResponse` in the request's encoding.
 *
 * @example
 * ```ts
 * const receiver = await startOtlpReceiver();
 * // export to receiver.url, then:
 * const [first] = await receiver.waitForExports(1);
 * await receiver.close();
 * ```
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const proto = loadOtlpMetricsProto();
  const received: ReceivedExport[] = [];
  const rejected: RejectedExport[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      const reject = (status: number, reason: string): void => {
        rejected.push({ path, status, reason });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(reason);
      };
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      const encoding = type === 'application/x-protobuf' ? 'protobuf' : type === 'application/json' ? 'json' : undefined;
      if (req.method !== 'POST') return reject(405, `method ${req.method} not allowed`);
      if (encoding === undefined) return reject(415, `unsupported content-type ${type}`);
      const contentEncoding = req.headers['content-encoding'];
      let decoded;
      try {
        const raw = Buffer.concat(chunks);
        decoded = decodeOtlpRequest(contentEncoding === 'gzip' ? gunzipSync(raw) : raw, encoding);
      } catch (error) {
        return reject(400, `cannot decode ${encoding}${contentEncoding === undefined ? '' : ` (${contentEncoding})`}: ${(error as Error).message}`);
      }
      if (decoded.request === undefined) return reject(400, decoded.problem ?? 'invalid request');
      received.push({ path, encoding, contentEncoding, headers: req.headers, request: decoded.request });
      if (encoding === 'json') res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      else res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(proto.response.encode({}).finish());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/v1/metrics`,
    received,
    rejected,
    waitForExports: (count, timeoutMs = 5_000) =>
      pollUntil(async () => {
        if (received.length >= count) return received.slice();
        throw new Error(`${received.length} accepted; rejected: ${JSON.stringify(rejected)}`);
      }, {
        what: `${count} OTLP exports`,
        timeoutMs,
        intervalMs: 20,
      }),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
