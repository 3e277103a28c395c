import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

/** One static file the page server serves. */
export interface StaticFile {
  readonly type: string;
  readonly body: string | Uint8Array;
}

/** What the page server forwards OTLP to (same origin for the page: no CORS). */
export interface OtlpTargets {
  /** Receives `POST /otlp/json`. */
  readonly json: string;
  /** Receives `POST /otlp/vm`. */
  readonly vm: string;
}

/** The server the browser tests load pages from. */
export interface PageServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Requests seen, as `<method> <path> <sec-fetch-mode>` (a keepalive fetch is `same-origin`, a beacon `cors` or `no-cors`). */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A real MCP server with the scenario's tools: `add` answers, `fail` throws. */
function createScenarioServer(): McpServer {
  const server = new McpServer({ name: 'parity-server', version: '1.0.0' });
  server.registerTool('add', { description: 'Adds two numbers.', inputSchema: { a: z.number(), b: z.number() } }, ({ a, b }) => ({
    content: [{ type: 'text', text: String(a + b) }],
  }));
  server.registerTool('fail', { description: 'Always fails.' }, () => {
    throw new Error('the fail tool failed');
  });
  return server;
}

/**
 * Serves `files` on 127.0.0.1 (a free port), a stateless Streamable HTTP MCP endpoint at `/mcp`
 * (a new server per request, JSON responses), and forwards `POST /otlp/json` and `/otlp/vm` to the
 * OTLP targets, so a page exports to its own origin as a proxy in front of a Collector would let it.
 */
export async function startPageServer(files: Record<string, StaticFile>, otlp: OtlpTargets): Promise<PageServer> {
  const requests: string[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(`${req.method} ${path} ${String(req.headers['sec-fetch-mode'])}`);
    if (path === '/mcp') {
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      const server = createScenarioServer();
      res.on('close', () => void transport.close().then(() => server.close()));
      await server.connect(transport);
      await transport.handleRequest(req, res);
      return;
    }
    const target = path === '/otlp/json' ? otlp.json : path === '/otlp/vm' ? otlp.vm : undefined;
    if (target !== undefined && req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers: Record<string, string> = { 'content-type': req.headers['content-type'] ?? 'application/octet-stream' };
      if (req.headers['content-encoding'] !== undefined) headers['content-encoding'] = req.headers['content-encoding'];
      const answer = await fetch(target, { method: 'POST', headers, body: Buffer.concat(chunks) });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(Buffer.from(await answer.arrayBuffer()));
      return;
    }
    const file = files[path === '/' ? '/index.html' : path];
    if (file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
