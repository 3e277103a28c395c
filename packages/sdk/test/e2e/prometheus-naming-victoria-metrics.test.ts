import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ValueType } from '@opentelemetry/api';
import { z } from 'zod';
import { instrumentMcpClient, instrumentMcpServer } from '@mcp-otel/instrumentation';
import type { MetricsHandle } from '@mcp-otel/sdk';
import { startMetrics } from '@mcp-otel/sdk';
import { parseExposition } from '../exporters/prometheus/parse-exposition.js';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { assertOtlpExportCanRun } from '../peers/otlp-export-guard.js';
import type { VictoriaMetricsPeer } from '../peers/victoria-metrics.js';
import { startVictoriaMetrics } from '../peers/victoria-metrics.js';

// Issue 12: our /metrics endpoint must name each metric as Prometheus names the same metric received
// over OTLP. Prometheus itself cannot receive OTLP here (Debian bookworm's 2.42 has no OTLP receiver,
// and trixie's build strips it: /work/shared/PEERS.md section 1), so the receiver is VictoriaMetrics
// 1.112 (Debian trixie) with -opentelemetry.usePrometheusNaming, its implementation of Prometheus'
// OTLP naming. One startMetrics pipeline serves /metrics and pushes OTLP to it: the same metrics,
// named by us on one side and by the receiver on the other.
const TIMEOUT = 60_000;
const OURS = /^(mcp|gen_ai|e2e)/;

describeWithPeer('victoria-metrics', 'Prometheus names: /metrics equals the receiver\'s OTLP translation of the same metrics', () => {
  let vm: VictoriaMetricsPeer | undefined;
  let handle: MetricsHandle | undefined;
  let scraped = '';

  beforeAll(async () => {
    await assertOtlpExportCanRun();
    vm = await startVictoriaMetrics({ prometheusNaming: true });
    handle = await startMetrics(
      {
        serviceName: 'naming-e2e',
        exporters: [
          { type: 'prometheus', port: 0 },
          { type: 'otlp', protocol: 'http/protobuf', endpoint: vm.otlpUrl },
        ],
        registerGlobal: false,
      },
      { env: {} },
    );
    const meterProvider = handle.meterProvider;

    // Every metric of the MCP instrumentation, from a real exchange.
    const server = instrumentMcpServer(new McpServer({ name: 'weather', version: '1.0.0' }), { meterProvider, recordMessageSize: true, recordExecuteToolDuration: true });
    server.registerTool('forecast', { inputSchema: { city: z.string() } }, ({ city }) => ({ content: [{ type: 'text', text: `sunny in ${city}` }] }));
    const client = instrumentMcpClient(new Client({ name: 'agent', version: '1.0.0' }), { meterProvider });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
    await client.listTools();
    await client.callTool({ name: 'forecast', arguments: { city: 'Paris' } });
    clientTransport.onerror?.(new TypeError('reported'));
    await client.close();
    await server.close();

    // The unit and type cases of the translation: suffix words, rates, annotations, ratios.
    const meter = handle.meter('e2e-naming');
    meter.createCounter('e2e.calls', { unit: '{call}' }).add(2, { 'tool.name': 'a' });
    meter.createCounter('e2e.cpu.time', { unit: 's' }).add(1.5);
    meter.createCounter('e2e.bytes.sent', { unit: 'By', valueType: ValueType.INT }).add(10);
    meter.createCounter('e2e.rate', { unit: '1/s' }).add(3);
    meter.createCounter('e2e.requests_total', { unit: '' }).add(1);
    meter.createHistogram('e2e.latency', { unit: 'ms', advice: { explicitBucketBoundaries: [1, 10] } }).record(5);
    meter.createHistogram('e2e.payload.size', { unit: 'KiBy', advice: { explicitBucketBoundaries: [1] } }).record(2);
    meter.createUpDownCounter('e2e.inflight', { unit: '{request}' }).add(4);
    meter.createUpDownCounter('e2e.share', { unit: '1' }).add(1);
    meter.createGauge('e2e.temperature', { unit: 'Cel' }).record(21.5);
    meter.createGauge('e2e.utilization', { unit: '1' }).record(0.5);
    meter.createGauge('e2e.throughput', { unit: 'By/s' }).record(100);
    meter.createGauge('e2e.uptime_seconds', { unit: 's' }).record(9);

    await handle.forceFlush();
    scraped = await (await fetch(handle.endpoints.prometheus!)).text();
  }, TIMEOUT);

  afterAll(async () => {
    await handle?.shutdown();
    await vm?.stop();
  });

  it('serves exactly the series names the receiver gives the same metrics', async () => {
    const ours = new Set(parseExposition(scraped).samples.map((sample) => sample.name).filter((name) => OURS.test(name)));
    const received = await vm!.export('{__name__=~"(mcp|gen_ai|e2e).*"}', { minSeries: 40 });
    const theirs = new Set(received.map((series) => series.metric['__name__']!));
    expect([...ours].sort()).toEqual([...theirs].sort());
    // Not vacuous: the MCP metrics, with their suffixes, are among them.
    expect([...ours]).toEqual(expect.arrayContaining(['mcp_server_operation_duration_seconds_bucket', 'mcp_otel_transport_messages_total', 'mcp_otel_transport_message_size_bytes_count', 'gen_ai_execute_tool_duration_seconds_sum']));
    expect(await vm!.droppedOtlpRows()).toBe(0);
  }, TIMEOUT);

  it('gives each series the same labels, but for the scope labels (ours) and the resource labels (theirs)', async () => {
    const resourceLabels = new Set(Object.keys(parseExposition(scraped).samples.find((sample) => sample.name === 'target_info')!.labels));
    const key = (name: string, labels: string[]) => `${name}{${labels.sort().join(',')}}`;
    const ours = new Set(
      parseExposition(scraped)
        .samples.filter((sample) => OURS.test(sample.name))
        .map((sample) => key(sample.name, Object.keys(sample.labels).filter((label) => !label.startsWith('otel_scope_')))),
    );
    const received = await vm!.export('{__name__=~"(mcp|gen_ai|e2e).*"}', { minSeries: 40 });
    const theirs = new Set(received.map((series) => key(series.metric['__name__']!, Object.keys(series.metric).filter((label) => label !== '__name__' && !resourceLabels.has(label)))));
    expect([...ours].sort()).toEqual([...theirs].sort());
  }, TIMEOUT);
});
