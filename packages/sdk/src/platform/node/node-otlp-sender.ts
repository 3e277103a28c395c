import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { asError, resultOfStatus } from '../../exporters/otlp/otlp-sender.js';
import type { OtlpSender, OtlpSendResult } from '../../exporters/otlp/otlp-sender.js';
import { SDK_VERSION } from '../../version.js';

/** Who is exporting, as OTel's exporters say it (`OTel-OTLP-Exporter-JavaScript/<version>`). */
const USER_AGENT = `mcp-otel/${SDK_VERSION}`;

const gzipAsync = promisify(gzip);

/** An answer body larger than this is not read (OTel's limit): a receiver's answer is a few bytes. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Network errors worth another attempt (OTel's list): the receiver may be restarting. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH']);

type RequestFunction = (url: URL, options: RequestOptions, callback: (response: IncomingMessage) => void) => ClientRequest;

/** Options of {@link createNodeOtlpSender}. */
export interface NodeOtlpSenderOptions {
  url: string;
  /** Sent with every request (the config's headers: may hold credentials, never logged). */
  headers: Readonly<Record<string, string>>;
  contentType: string;
  compression: 'gzip' | 'none';
  /** Makes the HTTP(S) agent for a protocol (`http:` or `https:`); production's can let sockets go at shutdown. */
  agentFactory: (protocol: string) => Promise<Agent> | Agent;
}

/**
 * OTLP/HTTP requests over `node:http`/`node:https`: one keep-alive agent per exporter, gzip when
 * configured, a deadline per attempt. The modules are loaded on the first export, not at import:
 * HTTP instrumentations must be able to patch them first (OTel's exporter does the same).
 */
export function createNodeOtlpSender(options: NodeOtlpSenderOptions): OtlpSender {
  let connection: Promise<{ agent: Agent; request: RequestFunction }> | undefined;
  const connect = async () => {
    const protocol = new URL(options.url).protocol;
    const module = protocol === 'https:' ? await import('node:https') : await import('node:http');
    return { agent: await options.agentFactory(protocol), request: module.request as RequestFunction };
  };
  return {
    async send(body, timeoutMs) {
      try {
        // A failed start (the agent factory threw) is not kept: the next export tries again.
        connection ??= connect().catch((error: unknown) => {
          connection = undefined;
          throw error;
        });
        const { agent, request } = await connection;
        const payload = options.compression === 'gzip' ? new Uint8Array(await gzipAsync(body)) : body;
        const headers: Record<string, string> = {
          ...options.headers,
          'Content-Type': options.contentType,
          'Content-Length': String(payload.byteLength),
          'User-Agent': USER_AGENT,
        };
        if (options.compression === 'gzip') headers['Content-Encoding'] = 'gzip';
        return await post(request, new URL(options.url), { method: 'POST', headers, agent }, payload, timeoutMs);
      } catch (error) {
        return { status: 'failure', error: asError(error) };
      }
    },
  };
}

function post(request: RequestFunction, url: URL, requestOptions: RequestOptions, payload: Uint8Array, timeoutMs: number): Promise<OtlpSendResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: OtlpSendResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = request(url, requestOptions, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          settle({ status: 'failure', error: new Error(`the OTLP receiver's answer exceeded ${MAX_RESPONSE_BYTES} bytes`) });
          response.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        settle(resultOfStatus(status, response.statusMessage ?? '', new Uint8Array(Buffer.concat(chunks)), headerValue(response.headers['retry-after'])));
      });
      // The body could not be read to the end: the status still says what happened to the data.
      response.on('error', () => settle(resultOfStatus(response.statusCode ?? 0, response.statusMessage ?? '', undefined, headerValue(response.headers['retry-after']))));
    });
    // One deadline for the whole attempt (OTel's socket idle timeout would let a trickling answer run on).
    // Unref'd: once shutdown has let the sockets go, nothing here may keep the process alive.
    const timer = setTimeout(() => {
      settle({ status: 'retryable', error: new Error('Request timed out') });
      req.destroy();
    }, timeoutMs);
    timer.unref();
    req.on('error', (error: NodeJS.ErrnoException) => {
      settle(typeof error.code === 'string' && RETRYABLE_CODES.has(error.code) ? { status: 'retryable', error } : { status: 'failure', error });
    });
    req.end(payload);
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
