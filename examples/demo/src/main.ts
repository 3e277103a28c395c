import { instrumentMcpClient, instrumentMcpServer } from '@mcp-otel/instrumentation';
import { startMetrics } from '@mcp-otel/sdk';
import { DEMO_USAGE, parseDemoArgs } from './demo-args.js';
import { startDemoClient } from './demo-client.js';
import { createDemoDeps } from './demo-deps.js';
import { DEMO_OBSERVABILITY } from './demo-observability.js';
import { startDemoHttpServer } from './demo-http-server.js';
import { createDemoServer } from './demo-tools.js';

const log = (line: string) => process.stderr.write(line + '\n');

async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2));
  if (args === 'help') {
    process.stdout.write(DEMO_USAGE);
    return;
  }
  // Only the service name and health/history/alerts are set in code, so OTEL_* variables and
  // MCP_OTEL_CONFIG stay in charge of exporters (the default is Prometheus on 127.0.0.1:9464);
  // --metrics-port is that variable.
  const env = args.metricsPort === undefined ? process.env : { ...process.env, OTEL_EXPORTER_PROMETHEUS_PORT: String(args.metricsPort) };
  const telemetry = await startMetrics({ serviceName: 'mcp-otel-demo', serviceVersion: '0.1.0', ...DEMO_OBSERVABILITY }, { env });
  // Two lines of instrumentation: every server session and the client get MCP semantic-convention
  // metrics (operation and session durations) plus transport metrics.
  // The tools' dependencies, each instrumented in one line (cache, SQLite, WebAssembly): demo-deps.ts.
  const deps = await createDemoDeps();
  const server = await startDemoHttpServer({ host: '127.0.0.1', port: args.port, createServer: () => createDemoServer(deps), onServer: instrumentMcpServer });
  const client = await startDemoClient(server.url, args.rate, instrumentMcpClient);

  log(`mcp-otel demo running`);
  log(`  MCP server (Streamable HTTP): ${server.url}`);
  log(`  metrics:                      ${telemetry.endpoints.prometheus ?? '(no Prometheus exporter configured)'}`);
  log('  e.g. p95 per tool (PromQL):    histogram_quantile(0.95, sum by (le, gen_ai_tool_name) (rate(mcp_server_operation_duration_seconds_bucket[1m])))');
  log(`  health:                       ${telemetry.endpoints.health ?? '(not served)'} (and /livez, /readyz)`);
  log(`  alert rule:                   FlakyToolErrors (error ratio of flaky_fetch above 20% for 30 s), printed here when it fires`);
  log(args.durationSeconds === undefined ? '  Ctrl-C to stop' : `  stopping after ${args.durationSeconds} s`);

  let stopping = false;
  let durationTimer: NodeJS.Timeout | undefined;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    clearTimeout(durationTimer);
    log(`demo: stopping (${why})`);
    await client.stop();
    await server.close();
    await telemetry.shutdown();
    deps.close();
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  if (args.durationSeconds !== undefined) durationTimer = setTimeout(() => void stop('duration reached'), args.durationSeconds * 1000);
}

main().catch((error: unknown) => {
  log(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
