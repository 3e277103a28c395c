import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  ListToolsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Blocked, LinkedTransport, McpSdk, TestClient, TestServer } from './mcp-sdk.js';
import { wrapClient } from './wrap-client.js';
import { wrapServer } from './wrap-server.js';

const ANY_RESULT = z.object({}).passthrough();

/**
 * Tools that succeed, throw, return isError, block, and call back into the client (sampling,
 * elicitation, roots); one static resource; one prompt with a completable argument.
 */
function createTestServer(): TestServer {
  const server = new McpServer({ name: 'test-server', version: '1.0.0' }, { capabilities: { logging: {} } });
  const blocked: Blocked[] = [];
  server.registerTool('echo', { inputSchema: { text: z.string() } }, ({ text }) => ({ content: [{ type: 'text', text }] }));
  server.registerTool('fail', {}, () => {
    throw new Error('boom');
  });
  server.registerTool('soft_fail', {}, () => ({ content: [{ type: 'text', text: 'nope' }], isError: true }));
  server.registerTool('block', {}, (extra) => {
    return new Promise((resolve) => {
      blocked.push({ release: () => resolve({ content: [{ type: 'text', text: 'released' }] }), aborted: () => extra.signal.aborted });
    });
  });
  server.registerTool('ask_client', {}, async () => {
    await server.server.createMessage({ messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }], maxTokens: 5 });
    await server.server.elicitInput({ message: 'name?', requestedSchema: { type: 'object', properties: { n: { type: 'string' } } } });
    await server.server.listRoots();
    return { content: [{ type: 'text', text: 'asked' }] };
  });
  server.registerResource('greeting', 'mem://greeting', {}, (uri) => ({ contents: [{ uri: uri.href, text: 'hello' }] }));
  server.registerPrompt('greet', { argsSchema: { name: completable(z.string(), (value) => ['alice', 'bob'].filter((n) => n.startsWith(value))) } }, ({ name }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `hello ${name}` } }],
  }));
  return wrapServer(server, server.server, blocked);
}

function createFailingLowLevelServer(): TestServer {
  const low = new Server({ name: 'low', version: '1' }, { capabilities: { tools: {} } });
  low.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [{ name: 't', inputSchema: { type: 'object' as const } }] }));
  low.setRequestHandler(CallToolRequestSchema, () => {
    throw Object.assign(new Error('kaput'), { code: -32603 });
  });
  return wrapServer(low, low, []);
}

function createTestClient(): TestClient {
  const client = new Client({ name: 'test-client', version: '1.0.0' }, { capabilities: { sampling: {}, elicitation: {}, roots: {} } });
  client.setRequestHandler(CreateMessageRequestSchema, () => ({ role: 'assistant', content: { type: 'text', text: 'ok' }, model: 'm' }));
  client.setRequestHandler(ElicitRequestSchema, () => ({ action: 'accept', content: { n: 'x' } }));
  client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: [] }));
  return wrapClient(client, {
    callTool: (name, args, options) => client.callTool({ name, arguments: args }, undefined, options),
    request: (method, params) => client.request({ method, params }, ANY_RESULT),
  });
}

/** `@modelcontextprotocol/sdk` 1.x. */
export const SDK_V1: McpSdk = {
  name: 'sdk 1.x',
  generation: 1,
  behaviour: { unknownTool: 'tool_error', initializeTimeout: 'timeout', stdioNonJsonLine: 'SyntaxError', notConnectedError: 'Error' },
  createServer: createTestServer,
  createFailingLowLevelServer,
  createClient: createTestClient,
  linkedPair: () => InMemoryTransport.createLinkedPair() as unknown as [LinkedTransport, LinkedTransport],
  stdioClient: (script, env) => new StdioClientTransport({ command: process.execPath, args: [script, '1'], env: env as Record<string, string>, stderr: 'pipe' }),
  streamableHttpClient: (url) => new StreamableHTTPClientTransport(url),
  streamableHttpServer: ({ stateful, onsessioninitialized }) => {
    const transport = new StreamableHTTPServerTransport(
      stateful ? { sessionIdGenerator: () => randomUUID(), ...(onsessioninitialized ? { onsessioninitialized } : {}) } : { sessionIdGenerator: undefined },
    );
    return { transport, handle: (req, res) => transport.handleRequest(req, res) };
  },
};
