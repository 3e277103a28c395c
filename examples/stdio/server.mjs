// The README's stdio MCP server, runnable as it stands: `node examples/stdio/server.mjs`.
// stdout is the MCP wire; mcp-otel writes nothing there. When the client closes stdin the process
// runs out of work and mcp-otel exports the last values before it exits.
import { startMetrics } from '@mcp-otel/sdk';
import { instrumentMcpServer } from '@mcp-otel/instrumentation';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

// Exporters come from the environment, so that many copies can run side by side: push with
// OTEL_METRICS_EXPORTER=otlp (recommended), or OTEL_EXPORTER_PROMETHEUS_PORT=0 for a free port each.
await startMetrics({ serviceName: 'weather-mcp', shutdownOnSignals: true });

const server = new McpServer({ name: 'weather', version: '1.0.0' });
instrumentMcpServer(server);
server.registerTool('forecast', { description: 'Forecast for a city', inputSchema: { city: z.string() } }, async ({ city }) => ({
  content: [{ type: 'text', text: `${city}: sunny, 21°C` }],
}));
await server.connect(new StdioServerTransport());
