import http from 'node:http';

/** A finished HTTP exchange. */
export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Options of {@link httpRequest}. */
export interface HttpRequestOptions {
  /** @default "GET" */
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** @default 5000 */
  timeoutMs?: number;
}

/**
 * One HTTP request without a keep-alive agent, so no socket outlives the test. Rejects on network
 * errors and timeouts; any HTTP status resolves.
 */
export function httpRequest(url: string, options: HttpRequestOptions = {}): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? 5_000, () => req.destroy(new Error(`${url}: no answer within ${options.timeoutMs ?? 5_000} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** GET `url` and parse the JSON body; rejects on a non-2xx status with the body in the message. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await httpRequest(url);
  const text = res.body.toString('utf8');
  if (res.status < 200 || res.status > 299) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}
