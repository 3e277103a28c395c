import { Client } from '@modelcontextprotocol/client';
import { acceptedContent, inputRequired, McpServer } from '@modelcontextprotocol/server';
import type { Transport } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { instrumentMcpClient, instrumentMcpServer } from '@mcp-otel/instrumentation';
import type { McpInstrumentationOptions } from '@mcp-otel/instrumentation';

/**
 * Protocol revision 2026-07-28 with real peers: only the 2.x SDK speaks it. Servers are built per
 * connection (`serveStdio`) or per HTTP request (`createMcpHandler`) by a factory, so the factory is
 * where a user instruments them.
 */
export const STATELESS = '2026-07-28';

/**
 * A factory for instrumented 2.x servers: `echo`; `ask`, a multi-round-trip tool that first returns
 * `input_required` (an elicitation) and completes on the retry that carries the answer; the
 * `greeting` resource. Counts the instances it built.
 */
export function modernServerFactory(options: McpInstrumentationOptions): { factory: () => McpServer; built: () => number } {
  let built = 0;
  const factory = (): McpServer => {
    built++;
    const server = new McpServer({ name: 'modern-server', version: '1.0.0' });
    server.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, ({ text }) => ({ content: [{ type: 'text', text }] }));
    server.registerTool('ask', { inputSchema: z.object({}) }, (_args, ctx) => {
      const schema = z.object({ n: z.string() });
      const answer = acceptedContent(ctx.mcpReq.inputResponses, 'name', schema);
      if (answer === undefined) return inputRequired({ inputRequests: { name: inputRequired.elicit({ message: 'name?', requestedSchema: schema }) } });
      return { content: [{ type: 'text', text: `hello ${answer.n}` }] };
    });
    server.registerResource('greeting', 'mem://greeting', {}, (uri) => ({ contents: [{ uri: uri.href, text: 'hello' }] }));
    return instrumentMcpServer(server, options);
  };
  return { factory, built: () => built };
}

/** An instrumented 2.x client pinned to 2026-07-28 (no fallback) that answers elicitations. */
export function modernClient(options: McpInstrumentationOptions, mode: 'pin' | 'auto' = 'pin'): Client {
  const client = new Client(
    { name: 'modern-client', version: '1.0.0' },
    { capabilities: { elicitation: {} }, versionNegotiation: { mode: mode === 'pin' ? { pin: STATELESS } : 'auto' } },
  );
  client.setRequestHandler('elicitation/create', () => ({ action: 'accept', content: { n: 'SECRET-ANSWER' } }));
  return instrumentMcpClient(client, options);
}

export const asTransport = (t: unknown) => t as Transport;
