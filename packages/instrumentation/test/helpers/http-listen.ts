import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/** An HTTP server on 127.0.0.1 and a free port; a handler that rejects answers 500. */
export async function listen(handler: Handler): Promise<{ server: http.Server; url: URL; port: number }> {
  const server = http.createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: new URL(`http://127.0.0.1:${port}/mcp`), port };
}

/** Closes the server and every connection it holds. */
export async function stop(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** POSTs one JSON-RPC message as a raw Streamable HTTP peer would; returns the status, headers and the messages of the reply (JSON or SSE). */
export async function postMessage(url: URL, message: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; messages: unknown[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(message),
  });
  const text = await res.text();
  const messages = (res.headers.get('content-type') ?? '').includes('text/event-stream')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data:') && line.length > 5)
        .map((line) => JSON.parse(line.slice(5)) as unknown)
    : text === ''
      ? []
      : [JSON.parse(text) as unknown];
  return { status: res.status, headers: res.headers, messages };
}
