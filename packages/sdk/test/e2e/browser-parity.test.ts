import type { Page } from 'playwright-core';
import { runScenario } from '../support/browser-scenario.js';
import { scenarioFiles } from '../support/browser-fixtures.js';
import { startPageServer, type PageServer } from '../support/browser-page-server.js';
import { metricRows } from '../support/metric-rows.js';
import { startChromium, type ChromiumPeer } from '../peers/chromium.js';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { assertOtlpExportCanRun } from '../peers/otlp-export-guard.js';
import { startOtlpReceiver, type OtlpReceiver } from '../peers/otlp-receiver.js';
import { startVictoriaMetrics, type VictoriaMetricsPeer, type VmSeries } from '../peers/victoria-metrics.js';

// Issue 15: the same scenario (test/support/browser-scenario.ts) in Node, in a headless Chromium
// page and in a dedicated Web Worker: an MCP client calls a real MCP server over Streamable HTTP,
// an MCP server in the same realm answers over an in-memory transport from an instrumented cache,
// a WebAssembly module loaded with instantiateStreaming computes, traps and grows its memory.
// The metrics that arrive (decoded with the official protos, and in VictoriaMetrics) must have the
// same names, units, attributes and values.
const TIMEOUT = 120_000;

const EXPECTED_SHOWN = ['ok: 5', 'error: the fail tool failed', 'tools: add, fail', 'ok: 42', 'ok: 42', 'wasm add: 42', 'wasm trap: RuntimeError', 'wasm grow: 1 -> 2 pages'];

async function scenarioIn(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await page.waitForFunction(() => (globalThis as { scenario?: { done: boolean } }).scenario?.done === true, undefined, { timeout: 60_000 });
  const result = await page.evaluate(() => (globalThis as { scenario?: { shown?: string[]; error?: string } }).scenario!);
  if (result.error !== undefined) throw new Error(`the scenario failed in the browser: ${result.error}`);
  return result.shown!;
}

/** VictoriaMetrics' series of one run, Prometheus-named, without what differs by design (instance id, SDK language). */
function vmRows(series: readonly VmSeries[], run: string): string[] {
  const volatile = new Set(['test_run', 'service_instance_id', 'telemetry_sdk_language', 'telemetry_sdk_name', 'telemetry_sdk_version']);
  return series
    .filter((s) => s.metric['test_run'] === run)
    .map((s) => {
      const { __name__: name, ...labels } = s.metric;
      const kept = Object.entries(labels).filter(([key]) => !volatile.has(key)).sort(([a], [b]) => a.localeCompare(b));
      // Durations differ between runs: a histogram's sum and buckets are compared by shape, its count exactly.
      const timed = /_(sum|bucket)$/.test(name!);
      return `${name}${JSON.stringify(Object.fromEntries(kept))} = ${timed ? '(timed)' : s.values.at(-1)}`;
    })
    .sort();
}

describeWithPeer(['chromium', 'otlp-proto', 'victoria-metrics'], 'the browser build in headless Chromium, against the Node build', () => {
  let receiver: OtlpReceiver;
  let vm: VictoriaMetricsPeer;
  let server: PageServer;
  let browser: ChromiumPeer;

  beforeAll(async () => {
    await assertOtlpExportCanRun();
    receiver = await startOtlpReceiver();
    vm = await startVictoriaMetrics({ prometheusNaming: true });
    server = await startPageServer(await scenarioFiles(), { json: receiver.url, vm: vm.otlpUrl });
    browser = await startChromium();
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await vm?.stop();
    await receiver?.close();
  }, TIMEOUT);

  it('runs the scenario in Node, in a page and in a dedicated worker, and shows the same tool and WebAssembly results', async () => {
    expect(await runScenario(server.url, 'node')).toEqual(EXPECTED_SHOWN);
    const page = await browser.context.newPage();
    expect(await scenarioIn(page, `${server.url}/`)).toEqual(EXPECTED_SHOWN);
    expect(await scenarioIn(page, `${server.url}/worker.html`)).toEqual(EXPECTED_SHOWN);
    await page.close();
    await receiver.waitForExports(3);
  }, TIMEOUT);

  it('exports the same names, units, attributes and values from each (OTLP JSON, decoded with the official protos)', () => {
    const requests = receiver.received.map((received) => received.request);
    const node = metricRows(requests, { 'test.run': 'node' });
    expect(node.join('\n')).toContain('@mcp-otel/instrumentation/mcp mcp.client.operation.duration [s] histogram');
    expect(node.join('\n')).toContain('mcp_otel.wasm');
    expect(node.join('\n')).toContain('@mcp-otel/instrumentation/mcp mcp.server.operation.duration [s] histogram');
    expect(node.join('\n')).toContain('mcp_otel.cache.operations');
    expect(node.join('\n')).toContain('parity.scenario.runs [{run}] counter {"host":"shared"} = 1');
    expect(metricRows(requests, { 'test.run': 'page' })).toEqual(node);
    expect(metricRows(requests, { 'test.run': 'worker' })).toEqual(node);
  });

  it('lands the same series in VictoriaMetrics (OTLP protobuf) from each', async () => {
    const perRun = vmRows(await vm.export('{test_run="node"}'), 'node').length;
    const series = await vm.export('{test_run=~"node|page|worker"}', { minSeries: 3 * perRun });
    const node = vmRows(series, 'node');
    expect(node.length).toBeGreaterThan(10);
    expect(vmRows(series, 'page')).toEqual(node);
    expect(vmRows(series, 'worker')).toEqual(node);
  }, TIMEOUT);
});
