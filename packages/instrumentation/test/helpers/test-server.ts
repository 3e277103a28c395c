import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/** A tool call the test holds open until it calls `release()`. */
export type Blocked = { release: () => void; aborted: () => boolean };

/**
 * The MCP server every test talks to: tools that succeed, throw, return isError, block, and call back
 * into the client (sampling, elicitation, roots); one static resource; one prompt.
 */
export function createTestServer(): { server: McpServer; blocked: Blocked[] } {
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
  return { server, blocked };
}
