import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CreateMessageRequestSchema, ElicitRequestSchema, ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { attrs } from './test-metrics.js';

/** A client that answers the server's sampling, elicitation and roots requests. */
export function createTestClient(): Client {
  const client = new Client({ name: 'test-client', version: '1.0.0' }, { capabilities: { sampling: {}, elicitation: {}, roots: {} } });
  client.setRequestHandler(CreateMessageRequestSchema, () => ({ role: 'assistant', content: { type: 'text', text: 'ok' }, model: 'm' }));
  client.setRequestHandler(ElicitRequestSchema, () => ({ action: 'accept', content: { n: 'x' } }));
  client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: [] }));
  return client;
}

/** Connects server and client over a linked InMemoryTransport pair. */
export async function connectInMemory(server: McpServer, client: Client): Promise<[InMemoryTransport, InMemoryTransport]> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return [clientTransport, serverTransport];
}

/** The expected form of one series, as `series()` renders it. */
export function s(attributes: Record<string, unknown>, count: number): string {
  return `${attrs(attributes).join(',')} => ${count}`;
}

export const PROTOCOL = '2025-11-25';
