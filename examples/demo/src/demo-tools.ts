import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { DemoDeps } from './demo-deps.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fresh demo MCP server (one per Streamable HTTP session): a fast tool, a slow one behind a cache,
 * one that sometimes fails, notes in SQLite, a WebAssembly tool, a resource and a prompt.
 */
export function createDemoServer(deps: DemoDeps): McpServer {
  const server = new McpServer({ name: 'mcp-otel-demo', version: '0.1.0' });

  server.registerTool(
    'echo',
    { description: 'Returns its input (fast).', inputSchema: { text: z.string() } },
    ({ text }) => ({ content: [{ type: 'text', text }] }),
  );

  server.registerTool(
    'slow_report',
    { description: 'Builds a report in 50-400 ms (slow); reports are cached for 10 s.', inputSchema: { topic: z.string() } },
    async ({ topic }) => {
      let report = deps.reports.get(topic);
      if (report === undefined) {
        await sleep(50 + Math.random() * 350);
        report = `Report on ${topic}: all systems nominal.`;
        deps.reports.set(topic, report);
      }
      return { content: [{ type: 'text', text: report }] };
    },
  );

  server.registerTool(
    'add_note',
    { description: 'Stores a note (SQLite).', inputSchema: { text: z.string().max(500) } },
    ({ text }) => {
      const { lastInsertRowid } = deps.notes.prepare('INSERT INTO notes (text, created_at) VALUES (?, ?)').run(text, Date.now());
      return { content: [{ type: 'text', text: `note ${String(lastInsertRowid)} saved` }] };
    },
  );

  server.registerTool('list_notes', { description: 'Lists the 5 latest notes (SQLite).' }, () => {
    const rows = deps.notes.prepare('SELECT id, text FROM notes ORDER BY id DESC LIMIT 5').all() as { id: number; text: string }[];
    return { content: [{ type: 'text', text: rows.map((row) => `${row.id}: ${row.text}`).join('\n') || '(no notes)' }] };
  });

  server.registerTool(
    'wasm_fibonacci',
    { description: 'The n-th Fibonacci number, computed by a WebAssembly module (traps on a negative n).', inputSchema: { n: z.number().int() } },
    ({ n }) => ({ content: [{ type: 'text', text: String(deps.math.fibonacci(n)) }] }),
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
