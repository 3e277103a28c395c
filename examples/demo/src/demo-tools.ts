import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fresh demo MCP server (one per Streamable HTTP session): a fast tool, a slow one, one that
 * sometimes fails, a resource and a prompt.
 */
export function createDemoServer(): McpServer {
  const server = new McpServer({ name: 'mcp-otel-demo', version: '0.1.0' });

  server.registerTool(
    'echo',
    { description: 'Returns its input (fast).', inputSchema: { text: z.string() } },
    ({ text }) => ({ content: [{ type: 'text', text }] }),
  );

  server.registerTool(
    'slow_report',
    { description: 'Builds a report in 50-400 ms (slow).', inputSchema: { topic: z.string() } },
    async ({ topic }) => {
      await sleep(50 + Math.random() * 350);
      return { content: [{ type: 'text', text: `Report on ${topic}: all systems nominal.` }] };
    },
  );

  server.registerTool(
    'flaky_fetch',
    { description: 'Fetches a value; fails about two calls in five.', inputSchema: { key: z.string() } },
    async ({ key }) => {
      await sleep(5 + Math.random() * 20);
      const roll = Math.random();
      // Often enough that the demo's alert rule (error ratio above 20% for 30 s) fires within a minute.
      if (roll < 0.25) throw new Error(`upstream timeout for ${key}`);
      if (roll < 0.4) return { isError: true, content: [{ type: 'text', text: `no value for ${key}` }] };
      return { content: [{ type: 'text', text: `${key}=${Math.round(roll * 100)}` }] };
    },
  );

  server.registerResource('greeting', 'demo://greeting', { description: 'A static greeting.' }, (uri) => ({
    contents: [{ uri: uri.href, text: 'Hello from the mcp-otel demo.' }],
  }));

  server.registerPrompt('summarize', { description: 'Asks for a summary.', argsSchema: { subject: z.string() } }, ({ subject }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Summarize ${subject} in one line.` } }],
  }));

  return server;
}
