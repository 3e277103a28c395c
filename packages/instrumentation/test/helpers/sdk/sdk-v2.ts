import { randomUUID } from 'node:crypto';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { completable, InMemoryTransport, McpServer, Server } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { Blocked, LinkedTransport, McpSdk, TestClient, TestServer } from './mcp-sdk.js';
import { wrapClient } from './wrap-client.js';
import { wrapServer } from './wrap-server.js';

const ANY_RESULT = z.object({}).passthrough();

/**
 * The 2.x twin of the 1.x test server (sdk-v1.ts): the same tools, resource and prompt, written
 * with the 2.x API (`z.object` input schemas, the handler context `ctx.mcpReq`).
 */
function createTestServer(): TestServer {
  const server = new McpServer({ name: 'test-server', version: '1.0.0' }, { capabilities: { logging: {} } });
  const blocked: Blocked[] = [];
  server.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, ({ text }) => ({ content: [{ type: 'text', text }] }));
  server.registerTool('fail', {}, () => {
    throw new Error('boom');
  });
  server.registerTool('soft_fail', {}, () => ({ content: [{ type: 'text', text: 'nope' }], isError: true }));
  server.registerTool('block', {}, (ctx) => {
    return new Promise((resolve) => {
      blocked.push({ release: () => resolve({ content: [{ type: 'text', text: 'released' }] }), aborted: () => ctx.mcpReq.signal.aborted });
    });
  });
  server.registerTool('ask_client', {}, async () => {
    await server.server.createMessage({ messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }], maxTokens: 5 });
    await server.server.elicitInput({ message: 'name?', requestedSchema: { type: 'object', properties: { n: { type: 'string' } } } });
    await server.server.listRoots();
    return { content: [{ type: 'text', text: 'asked' }] };
  });
  server.registerResource('greeting', 'mem://greeting', {}, (uri) => ({ contents: [{ uri: uri.href, text: 'hello' }] }));
  server.registerPrompt('greet', { argsSchema: z.object({ name: completable(z.string(), (value) => ['alice', 'bob'].filter((n) => n.startsWith(value))) }) }, ({ name }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `hello ${name}` } }],
  }));
  return wrapServer(server, server.server, blocked);
}

function createFailingLowLevelServer(): TestServer {
  const low = new Server({ name: 'low', version: '1' }, { capabilities: { tools: {} } });
  low.setRequestHandler('tools/list', () => ({ tools: [{ name: 't', inputSchema: { type: 'object' as const } }] }));
  low.setRequestHandler('tools/call', () => {
    throw Object.assign(new Error('kaput'), { code: -32603 });
  });
  return wrapServer(low, low, []);
}

function createTestClient(): TestClient {
  const client = new Client({ name: 'test-client', version: '1.0.0' }, { capabilities: { sampling: {}, elicitation: {}, roots: {} } });
  client.setRequestHandler('sampling/createMessage', () => ({ role: 'assistant', content: { type: 'text', text: 'ok' }, model: 'm' }));
  client.setRequestHandler('elicitation/create', () => ({ action: 'accept', content: { n: 'x' } }));
  client.setRequestHandler('roots/list', () => ({ roots: [] }));
  return wrapClient(client, {
    callTool: (name, args, options) => client.callTool({ name, arguments: args }, options),
    request: (method, params) => client.request({ method, params }, ANY_RESULT),
  });
}

/** `@modelcontextprotocol/server` + `client` 2.x, and `@modelcontextprotocol/node` for node:http. */
export const SDK_V2: McpSdk = {
  name: 'sdk 2.x',
  generation: 2,
  behaviour: { unknownTool: '-32602', initializeTimeout: 'connection_closed', stdioNonJsonLine: 'skipped', notConnectedError: 'SdkError' },
  createServer: createTestServer,
  createFailingLowLevelServer,
  createClient: createTestClient,
  linkedPair: () => InMemoryTransport.createLinkedPair() as unknown as [LinkedTransport, LinkedTransport],
  stdioClient: (script, env) => new StdioClientTransport({ command: process.execPath, args: [script, '2'], env: env as Record<string, string>, stderr: 'pipe' }),
  streamableHttpClient: (url) => new StreamableHTTPClientTransport(url),
  streamableHttpServer: ({ stateful, onsessioninitialized }) => {
    const transport = new NodeStreamableHTTPServerTransport(
      stateful ? { sessionIdGenerator: () => randomUUID(), ...(onsessioninitialized ? { onsessioninitialized } : {}) } : { sessionIdGenerator: undefined },
    );
    return { transport, handle: (req, res) => transport.handleRequest(req, res) };
  },
};
