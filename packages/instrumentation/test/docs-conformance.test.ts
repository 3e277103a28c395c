import fs from 'node:fs';
import path from 'node:path';
import { instrumentMcpClient, instrumentMcpServer } from '@mcp-otel/instrumentation';
import * as cacheNames from '../src/cache/cache-names.js';
import * as componentNames from '../src/component/component-names.js';
import * as ours from '../src/mcp-otel-names.js';
import * as semconv from '../src/semconv.js';
import * as storageNames from '../src/storage/storage-names.js';
import * as storageSemconv from '../src/storage/storage-semconv.js';
import * as wasmNames from '../src/wasm/wasm-names.js';
import { componentsExchange } from './helpers/components-exchange.js';
import { connectInMemory } from './helpers/connect-pair.js';
import { SDKS } from './helpers/sdk/sdks.js';
import { TestMetrics } from './helpers/test-metrics.js';

const DOC = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'metrics.md'), 'utf8');

type Row = Record<string, string>;

/** Parses the first markdown table after `heading` into rows keyed by header; code spans unwrapped. */
function table(heading: string): Row[] {
  const start = DOC.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/metrics.md has no heading ${heading}`);
  const lines = DOC.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((c) => c.trim().replace(/^`(.*)`$/, '$1')));
  }
  const [header, , ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])));
}

const values = (modules: Record<string, unknown>[], prefix: string) =>
  modules.flatMap((module) =>
    Object.entries(module)
      .filter(([k, v]) => k.startsWith(prefix) && typeof v === 'string')
      .map(([, v]) => v as string),
  );

/** Where names live: copied from the conventions, or defined by this project. */
const SEMCONV_MODULES = [semconv, storageSemconv];
const OUR_MODULES = [ours, cacheNames, storageNames, wasmNames, componentNames];
const SEMCONV_METRICS = values(SEMCONV_MODULES, 'METRIC_');
const OUR_METRICS = values(OUR_MODULES, 'METRIC_');
const SEMCONV_ATTRS = values(SEMCONV_MODULES, 'ATTR_');
const OUR_ATTRS = values(OUR_MODULES, 'ATTR_');
const INSTRUMENTS: Record<string, string> = {
  Histogram: 'HISTOGRAM',
  Counter: 'COUNTER',
  'Counter (observable)': 'OBSERVABLE_COUNTER',
  'UpDownCounter (observable)': 'OBSERVABLE_UP_DOWN_COUNTER',
  'Gauge (observable)': 'OBSERVABLE_GAUGE',
};
/** Rows of the summary whose meter ends with one of `keys` (`/mcp`, `/cache`, ...). */
const rowsOf = (...keys: string[]) => summary.filter((r) => keys.some((key) => r['Meter']!.endsWith(`/${key}`)));

const summary = table('## Summary');
const attributes = new Map(summary.map((r) => [r['Metric']!, table(`### \`${r['Metric']!}\``)]));

describe('docs/metrics.md', () => {
  it('lists every METRIC_ constant exactly once, with the source that matches the file it lives in', () => {
    expect(summary.map((r) => r['Metric']).sort()).toEqual([...SEMCONV_METRICS, ...OUR_METRICS].sort());
    for (const row of summary) {
      expect([row['Metric'], row['Source']]).toEqual([row['Metric'], SEMCONV_METRICS.includes(row['Metric']!) ? 'semconv' : 'ours']);
      if (row['Source'] === 'ours') expect(row['Metric']).toMatch(/^mcp_otel\./);
      expect(Object.keys(INSTRUMENTS)).toContain(row['Instrument']);
    }
  });

  it('documents only attributes that are ATTR_ constants, each with the right source, and every ATTR_ constant somewhere', () => {
    const used = new Set<string>();
    for (const [metric, rows] of attributes) {
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const name = row['Attribute']!;
        used.add(name);
        expect([metric, name, row['Source']]).toEqual([metric, name, SEMCONV_ATTRS.includes(name) ? 'semconv' : 'ours']);
        expect([...SEMCONV_ATTRS, ...OUR_ATTRS]).toContain(name);
        expect(row['Requirement level']).toMatch(/^(Required|Recommended|Conditionally Required|Opt-In)\b/);
      }
    }
    expect([...used].sort()).toEqual([...SEMCONV_ATTRS, ...OUR_ATTRS].sort());
  });

  it('states the bucket boundaries the code advises', () => {
    for (const buckets of [
      semconv.MCP_DURATION_BUCKETS,
      semconv.EXECUTE_TOOL_DURATION_BUCKETS,
      ours.MESSAGE_SIZE_BUCKETS,
      cacheNames.CACHE_DURATION_BUCKETS,
      storageSemconv.DB_DURATION_BUCKETS,
      wasmNames.WASM_CALL_DURATION_BUCKETS,
      wasmNames.WASM_LOAD_DURATION_BUCKETS,
      componentNames.COMPONENT_DURATION_BUCKETS,
    ]) {
      expect(DOC).toContain(`[${buckets.join(', ')}]`);
    }
  });

  it.each(SDKS)('matches what a real exchange emits (%s): names, instruments, units, meters, attribute keys, required attributes', async (_name, sdk) => {
    const metrics = new TestMetrics();
    const server = sdk.createServer();
    const client = sdk.createClient();
    const network = { networkTransport: 'tcp', protocolName: 'http', protocolVersion: '2' };
    instrumentMcpServer(server.raw, {
      meterProvider: metrics.provider,
      recordMessageSize: true,
      recordResourceUri: true,
      recordExecuteToolDuration: true,
      transport: { type: 'custom', ...network },
    });
    instrumentMcpClient(client.raw, { meterProvider: metrics.provider, recordResourceUri: true, transport: { type: 'custom_client', ...network, serverAddress: 'mcp.example', serverPort: 443 } });
    const [clientTransport] = await connectInMemory(sdk, server, client);
    await client.listTools();
    await client.listResources();
    await client.callTool('echo', { text: 'x' });
    await client.callTool('soft_fail');
    await client.readResource('mem://greeting');
    await expect(client.readResource('mem://missing')).rejects.toThrow();
    await client.getPrompt('greet', { name: 'x' });
    clientTransport.onerror?.(new TypeError('reported'));
    await client.close();
    await server.close();
    const emitted = await metrics.collect();
    await metrics.shutdown();

    expect([...emitted.keys()].sort()).toEqual(rowsOf('mcp', 'transport').map((r) => r['Metric']).sort());
    expectDocumented(emitted);
  });

  it('matches what real caches, storage, WebAssembly and a component emit', async () => {
    const metrics = new TestMetrics();
    await componentsExchange(metrics.provider);
    const emitted = await metrics.collect();
    await metrics.shutdown();
    expect([...emitted.keys()].sort()).toEqual(rowsOf('cache', 'storage', 'wasm', 'component').map((r) => r['Metric']).sort());
    expectDocumented(emitted);
  });
});

/** Each metric has its documented instrument, unit and meter; each point only documented attribute keys and every Required one. */
function expectDocumented(emitted: Awaited<ReturnType<TestMetrics['collect']>>): void {
  for (const metric of emitted.values()) {
    const row = summary.find((r) => r['Metric'] === metric.name)!;
    expect([metric.name, metric.unit, metric.type, metric.scope]).toEqual([row['Metric'], row['Unit'], INSTRUMENTS[row['Instrument']!], row['Meter']]);
    const documented = attributes.get(metric.name)!;
    const allowed = documented.map((r) => r['Attribute']);
    const required = documented.filter((r) => r['Requirement level'] === 'Required').map((r) => r['Attribute']!);
    for (const point of metric.points) {
      for (const key of Object.keys(point.attributes)) expect([metric.name, allowed.includes(key) ? key : `undocumented ${key}`]).toEqual([metric.name, key]);
      for (const key of required) expect([metric.name, key, key in point.attributes]).toEqual([metric.name, key, true]);
    }
  }
}
