import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request a capture server received. */
export interface CapturedRequest {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** What the capture server answers; `hang` reads the request and never answers. */
export type CaptureAnswer = { status: number; headers?: Record<string, string>; body?: Buffer | string } | 'hang';

/** An HTTP server on 127.0.0.1 that records requests and answers as told, for sender tests. */
export interface CaptureServer {
  readonly url: string;
  readonly requests: CapturedRequest[];
  answer: CaptureAnswer;
  close(): Promise<void>;
}

export async function startCaptureServer(answer: CaptureAnswer = { status: 200 }): Promise<CaptureServer> {
  const sockets = new Set<Socket>();
  const requests: CapturedRequest[] = [];
  const state = { answer };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      const current = state.answer;
      if (current === 'hang') return;
      response.writeHead(current.status, current.headers);
      response.end(current.body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/metrics`,
    requests,
    get answer() {
      return state.answer;
    },
    set answer(next) {
      state.answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** A port nobody listens on (bound, then closed). */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1/metrics`;
}
