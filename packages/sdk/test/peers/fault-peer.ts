import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the fault peer answers the next requests. */
export type FaultBehaviour =
  /** Answers this status (and `Retry-After` when given) with a short body. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Reads the request and never answers (a black hole). */
  | { kind: 'hang' }
  /** Destroys the connection as soon as the request arrives. */
  | { kind: 'reset' }
  /** Passes the request on to `target` (a real receiver) and its answer back. */
  | { kind: 'forward'; target: string };

/** An HTTP peer on 127.0.0.1 that misbehaves on demand, for fault-injection tests. */
export interface FaultPeer {
  /** `http://127.0.0.1:<port>/v1/metrics` */
  readonly url: string;
  /** Requests that arrived so far, whatever the answer. */
  readonly requests: number;
  behave(behaviour: FaultBehaviour): void;
  /** Stops listening and destroys every open connection, hung ones included. */
  close(): Promise<void>;
}

/**
 * Starts the peer with `behaviour`, on `port` (a fixed one lets a test start it again after a
 * `close()`, as a restarted receiver). "The receiver is down" is a port nobody listens on.
 */
export async function startFaultPeer(behaviour: FaultBehaviour, port = 0): Promise<FaultPeer> {
  let current = behaviour;
  let requests = 0;
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    requests++;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(current, request, Buffer.concat(chunks), response));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/v1/metrics`,
    get requests() {
      return requests;
    },
    behave: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function answer(behaviour: FaultBehaviour, request: http.IncomingMessage, body: Buffer, response: http.ServerResponse): void {
  switch (behaviour.kind) {
    case 'status':
      if (behaviour.retryAfter !== undefined) response.setHeader('retry-after', behaviour.retryAfter);
      response.writeHead(behaviour.status, { 'content-type': 'text/plain' }).end(`fault peer says ${behaviour.status}`);
      return;
    case 'hang':
      return;
    case 'reset':
      request.socket.destroy();
      return;
    case 'forward':
      forward(behaviour.target, request, body, response);
  }
}

function forward(target: string, request: http.IncomingMessage, body: Buffer, response: http.ServerResponse): void {
  const headers = { ...request.headers, host: new URL(target).host, 'content-length': String(body.length) };
  const upstream = http.request(target, { method: request.method, headers }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', () => response.writeHead(502).end());
  upstream.end(body);
}
