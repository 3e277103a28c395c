import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The HMAC header checked against `secret` (undefined when no secret was given). */
  signatureValid: boolean | undefined;
}

/** A real local HTTP receiver for webhook tests: answers with `statuses` in turn (then 200), or never. */
export interface WebhookReceiver {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: { statuses?: number[]; hang?: boolean; secret?: string; signatureHeader?: string } = {}): Promise<WebhookReceiver> {
  const statuses = [...(options.statuses ?? [])];
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const header = request.headers[(options.signatureHeader ?? 'X-MCP-OTel-Signature').toLowerCase()];
      received.push({ headers: request.headers, body, signatureValid: options.secret === undefined ? undefined : verify(options.secret, body, header) });
      if (options.hang) return; // never answers
      response.statusCode = statuses.shift() ?? 200;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What a receiver does with the signature: recompute it over the raw body, compare in constant time. */
function verify(secret: string, body: string, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('hex'));
  const got = Buffer.from(header.slice('sha256='.length));
  return expected.length === got.length && timingSafeEqual(expected, got);
}
