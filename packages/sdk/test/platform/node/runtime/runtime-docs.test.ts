import fs from 'node:fs';
import path from 'node:path';
import { startRuntimeMetrics } from '@mcp-otel/sdk';
import * as semconv from '../../../../src/platform/node/runtime/runtime-semconv.js';
import { runtimeHarness } from './collect-runtime.js';

const DOC = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', '..', '..', 'docs', 'metrics.md'), 'utf8');

/** The rows of the "### Runtime summary" table of docs/metrics.md, code spans unwrapped. */
function runtimeRows(): Record<string, string>[] {
  const start = DOC.indexOf('\n### Runtime summary\n');
  if (start < 0) throw new Error('docs/metrics.md has no "### Runtime summary" table');
  const lines = DOC.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((c) => c.trim()));
  }
  const [header, , ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])));
}

const INSTRUMENTS: Record<string, string> = {
  Histogram: 'HISTOGRAM',
  'Counter (observable)': 'OBSERVABLE_COUNTER',
  'UpDownCounter (observable)': 'OBSERVABLE_UP_DOWN_COUNTER',
  'Gauge (observable)': 'OBSERVABLE_GAUGE',
};
const unwrap = (cell: string) => cell.replace(/^`(.*)`$/, '$1');
/** The attribute key of an Attributes cell: its first code span. */
const attributeKey = (cell: string) => /^`([^`]+)`/.exec(cell)?.[1];

describe('docs/metrics.md, Node.js runtime metrics', () => {
  const rows = runtimeRows();

  it('lists every METRIC_ constant of runtime-semconv.ts once, and every ATTR_ constant', () => {
    const constants = Object.entries(semconv).filter(([k]) => k.startsWith('METRIC_')).map(([, v]) => v as string);
    expect(rows.map((r) => unwrap(r['Metric']!)).sort()).toEqual(constants.sort());
    const attributes = Object.entries(semconv).filter(([k]) => k.startsWith('ATTR_')).map(([, v]) => v as string);
    expect([...new Set(rows.map((r) => attributeKey(r['Attributes']!)).filter((k) => k !== undefined))].sort()).toEqual(attributes.sort());
    expect(DOC).toContain(`[${semconv.GC_DURATION_BUCKETS.join(', ')}]`);
  });

  it('matches what startRuntimeMetrics emits: instrument, unit, attribute key', async () => {
    const harness = runtimeHarness();
    const runtime = startRuntimeMetrics(harness.provider, { minWindowMs: 60_000 });
    try {
      global.gc?.();
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 12));
      let emitted = await harness.collect();
      for (let i = 0; i < 50 && !emitted.has('v8js.gc.duration'); i++) {
        new Array(1e6).fill(0); // allocate until a GC is observed
        await new Promise((resolve) => setTimeout(resolve, 20));
        emitted = await harness.collect();
      }
      expect([...emitted.keys()].sort()).toEqual(rows.map((r) => unwrap(r['Metric']!)).sort());
      for (const row of rows) {
        const metric = emitted.get(unwrap(row['Metric']!))!;
        const keys = [...new Set(metric.points.flatMap((p) => Object.keys(p.attributes)))];
        const documented = attributeKey(row['Attributes']!);
        expect([metric.name, metric.type, metric.unit, keys]).toEqual([metric.name, INSTRUMENTS[row['Instrument']!], unwrap(row['Unit']!), documented === undefined ? [] : [documented]]);
        expect([metric.name, row['Source']]).toEqual([metric.name, 'semconv']);
      }
    } finally {
      runtime.stop();
      await harness.shutdown();
    }
  });
});
