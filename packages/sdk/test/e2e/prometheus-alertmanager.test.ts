import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { instrumentMcpClient, instrumentMcpServer } from '@mcp-otel/instrumentation';
import type { MetricsHandle } from '@mcp-otel/sdk';
import { startMetrics } from '@mcp-otel/sdk';
import type { AlertmanagerPeer } from '../peers/alertmanager.js';
import { startAlertmanager } from '../peers/alertmanager.js';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { pollUntil } from '../peers/poll.js';
import type { PrometheusPeer } from '../peers/prometheus.js';
import { startPrometheus } from '../peers/prometheus.js';
import { promtoolRules } from '../peers/promtool-rules.js';

/**
 * The scale-out scenario: one MCP server with a flaky tool; its error-ratio rule runs in
 * process and, written by toPrometheusRules, in a real Prometheus 2.42 that scrapes the same
 * process. Both send to one real Alertmanager 0.25. The alert fires in both with the same labels,
 * and Alertmanager holds exactly one alert for them (it merges alerts by their label set, so two
 * would mean the labels differ); then both resolve.
 */
describeWithPeer(['prometheus', 'alertmanager'], 'the same rule in process and in Prometheus, to one Alertmanager', () => {
  let am: AlertmanagerPeer | undefined;
  let prometheus: PrometheusPeer | undefined;
  let handle: MetricsHandle | undefined;
  let client: Client | undefined;
  let server: McpServer | undefined;
  let calling: NodeJS.Timeout | undefined;

  afterEach(async () => {
    clearInterval(calling);
    await client?.close();
    await server?.close();
    await prometheus?.stop();
    await handle?.shutdown();
    await am?.stop();
  });

  it('fires with the same labels in both, deduplicated by Alertmanager, and resolves', async () => {
    am = await startAlertmanager();
    handle = await startMetrics(
      {
        serviceName: 'flaky-mcp',
        registerGlobal: false,
        exporters: [{ type: 'prometheus', port: 0 }],
        health: { enabled: false },
        retention: { maxAge: '1m', resolution: '500ms' },
        alerts: {
          evaluationInterval: '500ms',
          resendDelay: '1s',
          notify: [{ type: 'alertmanager', url: am.url }],
          rules: [
            {
              name: 'FlakyToolErrors',
              severity: 'warning',
              for: '2s',
              labels: { team: 'tools' },
              annotations: { summary: '{{ $labels.gen_ai_tool_name }} fails often' },
              expr: {
                type: 'ratio',
                window: '5s',
                by: ['gen_ai.tool.name'],
                threshold: 0.2,
                numerator: { metric: 'mcp.server.operation.duration', field: 'count', attributes: { 'mcp.method.name': 'tools/call', 'error.type': { op: '!=', value: '' } } },
                denominator: { metric: 'mcp.server.operation.duration', field: 'count', attributes: { 'mcp.method.name': 'tools/call' } },
              },
            },
          ],
        },
      },
      { env: {} },
    );
    const meterProvider = handle.meterProvider;
    let failing = true;
    let calls = 0;
    server = instrumentMcpServer(new McpServer({ name: 'flaky', version: '1.0.0' }), { meterProvider });
    server.registerTool('flaky_fetch', {}, () => {
      if (failing && calls++ % 2 === 0) throw new Error('upstream timeout');
      return { content: [{ type: 'text', text: 'ok' }] };
    });
    client = instrumentMcpClient(new Client({ name: 'agent', version: '1.0.0' }), { meterProvider });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
    calling = setInterval(() => void client?.callTool({ name: 'flaky_fetch', arguments: {} }).catch(() => undefined), 25);

    const rules = handle.alerts.toPrometheusRules();
    expect(rules.problems).toEqual([]);
    expect(rules.file.groups[0]!.rules[0]!.expr).toBe(
      'sum by (gen_ai_tool_name) (rate(mcp_server_operation_duration_seconds_count{mcp_method_name="tools/call",error_type!=""}[5s])) / ' +
        'sum by (gen_ai_tool_name) (rate(mcp_server_operation_duration_seconds_count{mcp_method_name="tools/call"}[5s])) > 0.2',
    );
    expect(await promtoolRules(['check', 'rules', 'rules.yml'], { 'rules.yml': rules.yaml })).toMatchObject({ exitCode: 0 });
    prometheus = await startPrometheus({ targets: [handle.endpoints.prometheus!], ruleFiles: { 'rules.yml': rules.yaml }, alertmanagers: [am.url] });

    const labels = { alertname: 'FlakyToolErrors', gen_ai_tool_name: 'flaky_fetch', severity: 'warning', team: 'tools' };
    const ours = await pollUntil(async () => handle!.alerts.list().find((alert) => alert.state === 'firing'), { what: 'the in-process alert firing', timeoutMs: 20_000 });
    expect(ours.labels).toEqual(labels);
    const theirs = await pollUntil(async () => (await prometheus!.alerts()).find((alert) => alert.state === 'firing'), { what: 'the Prometheus alert firing', timeoutMs: 30_000 });
    expect(theirs.labels).toEqual(labels);
    const inAm = await pollUntil(async () => {
      const alerts = await am!.alerts();
      return alerts.length > 0 ? alerts : undefined;
    }, { what: 'the alert in Alertmanager', timeoutMs: 15_000 });
    expect(inAm.map((alert) => alert.labels)).toEqual([labels]);
    expect(inAm[0]!.annotations).toEqual({ summary: 'flaky_fetch fails often' });

    failing = false;
    await pollUntil(async () => (handle!.alerts.list().every((alert) => alert.state === 'resolved') ? true : undefined), { what: 'the in-process alert resolved', timeoutMs: 20_000 });
    await pollUntil(async () => ((await prometheus!.alerts()).length === 0 ? true : undefined), { what: 'the Prometheus alert resolved', timeoutMs: 20_000 });
    await pollUntil(async () => ((await am!.alerts()).length === 0 ? true : undefined), { what: 'the alert resolved in Alertmanager', timeoutMs: 20_000 });
  }, 120_000);
});
