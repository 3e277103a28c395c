import { prometheusLabelName, prometheusMetricFamily } from '../../src/alerts/prometheus/prometheus-names';
import type { VectorSample } from '../../src/history/history-types';
import { HistoryStore } from '../../src/history/history-store';
import type { HistoryRecorder } from '../../src/history/history-recorder';
import { StoreHistory } from '../../src/history/metric-history';
import { ManualClock } from '../../src/clock/manual-clock';
import { describeWithPeer } from '../peers/describe-with-peer';
import type { BackfilledPrometheus, BackfillSample } from '../peers/prometheus-backfill';
import { startBackfilledPrometheus } from '../peers/prometheus-backfill';
import { seededRandom } from '../support/seeded-random';
import type { SyntheticMetric } from './collections';
import { collection } from './collections';

/**
 * The history's PromQL functions against a real Prometheus 2.42 given the very same samples: each
 * collection is stored in our history and written, with its timestamp, into Prometheus' TSDB
 * (OpenMetrics backfill); then the same expressions are evaluated by both at many times. Counter
 * resets, series that start late or have gaps, irregular collection times, infinities and
 * histograms with resets are all in the data.
 */

const SEED = 20261203;
const STEPS = 48;
const STEP_MS = 15_000;
const BOUNDS = [0.05, 0.1, 0.5, 1];

interface Collected {
  time: number;
  metrics: SyntheticMetric[];
}

function buildScenario(base: number): Collected[] {
  const random = seededRandom(SEED);
  const integer = (max: number) => Math.floor(random() * max);
  const requests = { a: 0, b: 0, c: 0 };
  let big = 1e6;
  let fresh = 0;
  const latency = { x: [0, 0, 0, 0, 0], y: [0, 0, 0, 0, 0] };
  const sums = { x: 0, y: 0 };
  const out: Collected[] = [];
  let time = base;
  for (let step = 0; step < STEPS; step++) {
    time += STEP_MS + (step % 7 === 3 ? 4_000 : 0) - (step % 5 === 1 ? 2_500 : 0);
    requests.a += integer(20);
    requests.b += integer(5);
    requests.c = step === 20 ? 3 : requests.c + integer(50);
    big += integer(1000);
    fresh += integer(10) + 1;
    for (const tool of ['x', 'y'] as const) {
      if (tool === 'y' && step === 30) {
        latency.y = [0, 0, 0, 0, 0];
        sums.y = 0;
      }
      for (let bucket = 0; bucket < 5; bucket++) latency[tool][bucket]! += integer(bucket === 1 ? 30 : 8);
      sums[tool] += random() * 20;
    }
    const requestPoints = [{ attributes: { route: 'a' }, value: requests.a }, { attributes: { route: 'c' }, value: requests.c }];
    if (step >= 5 && (step < 10 || step > 12)) requestPoints.push({ attributes: { route: 'b' }, value: requests.b });
    const metrics: SyntheticMetric[] = [
      { name: 'diff.requests', kind: 'counter', points: requestPoints },
      { name: 'diff.big', kind: 'counter', points: [{ attributes: {}, value: big }] },
      { name: 'diff.temperature', kind: 'gauge', points: ['north', 'south'].map((room) => ({ attributes: { room }, value: Math.round((random() - 0.5) * 1000) / 10 })) },
      { name: 'diff.inf', kind: 'gauge', points: [{ attributes: {}, value: step === 15 ? Infinity : step === 16 ? -Infinity : random() * 10 }] },
      {
        name: 'diff.latency',
        kind: 'histogram',
        points: (['x', 'y'] as const).map((tool) => ({ attributes: { tool }, histogram: { bounds: BOUNDS, counts: [...latency[tool]], sum: sums[tool] } })),
      },
    ];
    if (step >= 3) metrics.push({ name: 'diff.fresh', kind: 'counter', points: [{ attributes: {}, value: fresh }] });
    out.push({ time, metrics });
  }
  return out;
}

/** The collections as OpenMetrics with timestamps, names as Prometheus sees them. */
function toOpenMetrics(collected: Collected[]): string {
  const families = new Map<string, string[]>();
  const add = (family: string, line: string) => {
    const lines = families.get(family) ?? [];
    lines.push(line);
    families.set(family, lines);
  };
  for (const { time, metrics } of collected) {
    for (const metric of metrics) {
      const name = prometheusMetricFamily({ name: metric.name, kind: metric.kind, unit: '' }, { withoutUnits: true })!;
      for (const point of metric.points) {
        const labels = Object.entries(point.attributes).map(([key, value]) => `${prometheusLabelName(key)}="${String(value)}"`);
        const at = (time / 1000).toFixed(3);
        if ('value' in point) {
          add(name, `${name}{${labels.join(',')}} ${formatValue(point.value)} ${at}`);
          continue;
        }
        const { bounds, counts, sum } = point.histogram;
        let cumulative = 0;
        [...bounds, Infinity].forEach((le, index) => {
          cumulative += counts[index]!;
          add(`${name}_bucket`, `${name}_bucket{${[...labels, `le="${formatValue(le)}"`].join(',')}} ${cumulative} ${at}`);
        });
        add(`${name}_count`, `${name}_count{${labels.join(',')}} ${cumulative} ${at}`);
        add(`${name}_sum`, `${name}_sum{${labels.join(',')}} ${sum} ${at}`);
      }
    }
  }
  let text = '';
  for (const [family, lines] of families) {
    // Series by series, each in time order (the backfill wants a series' samples contiguous).
    const bySeries = new Map<string, string[]>();
    for (const line of lines) {
      const series = line.slice(0, line.indexOf('}') + 1);
      bySeries.set(series, [...(bySeries.get(series) ?? []), line]);
    }
    text += `# TYPE ${family} unknown\n${[...bySeries.values()].flat().join('\n')}\n`;
  }
  return `${text}# EOF\n`;
}

function formatValue(value: number): string {
  return value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : String(value);
}

type Ours = (history: StoreHistory, at: number) => VectorSample[];

/** Each expression as PromQL and as the history computes it; label names in the result are Prometheus'. */
const CASES: Array<[string, Ours]> = [
  ['rate(diff_requests_total[1m])', (h, at) => h.rate({ metric: 'diff.requests', window: '1m', at })],
  ['increase(diff_requests_total[5m])', (h, at) => h.increase({ metric: 'diff.requests', window: '5m', at })],
  ['sum(rate(diff_requests_total[2m]))', (h, at) => h.rate({ metric: 'diff.requests', window: '2m', at, by: [] })],
  ['sum by (route) (increase(diff_requests_total{route=~"a|b"}[90s]))', (h, at) => h.increase({ metric: 'diff.requests', attributes: { route: { op: '=~', value: 'a|b' } }, window: '90s', at, by: ['route'] })],
  ['rate(diff_big_total[1m])', (h, at) => h.rate({ metric: 'diff.big', window: '1m', at })],
  ['increase(diff_big_total[20s])', (h, at) => h.increase({ metric: 'diff.big', window: '20s', at })],
  ['increase(diff_fresh_total[3m])', (h, at) => h.increase({ metric: 'diff.fresh', window: '3m', at })],
  ['avg_over_time(diff_temperature[2m])', (h, at) => h.avgOverTime({ metric: 'diff.temperature', window: '2m', at })],
  ['max_over_time(diff_temperature{room!="south"}[3m])', (h, at) => h.maxOverTime({ metric: 'diff.temperature', attributes: { room: { op: '!=', value: 'south' } }, window: '3m', at })],
  ['avg_over_time(diff_inf[1m])', (h, at) => h.avgOverTime({ metric: 'diff.inf', window: '1m', at })],
  ['max_over_time(diff_inf[1m])', (h, at) => h.maxOverTime({ metric: 'diff.inf', window: '1m', at })],
  ['rate(diff_latency_count[1m])', (h, at) => h.rate({ metric: 'diff.latency', window: '1m', at })],
  ['rate(diff_latency_sum[2m])', (h, at) => h.rate({ metric: 'diff.latency', field: 'sum', window: '2m', at })],
  ...[0, 0.25, 0.5, 0.9, 0.99, 1].map(
    (q): [string, Ours] => [`histogram_quantile(${q}, sum by (le, tool) (rate(diff_latency_bucket[2m])))`, (h, at) => h.histogramQuantile({ metric: 'diff.latency', quantile: q, window: '2m', at, by: ['tool'] })],
  ),
  ['histogram_quantile(0.75, sum by (le) (rate(diff_latency_bucket[1m])))', (h, at) => h.histogramQuantile({ metric: 'diff.latency', quantile: 0.75, window: '1m', at })],
];

function normalize(samples: Array<{ labels: Record<string, string>; value: number }>): Map<string, number> {
  const result = new Map<string, number>();
  for (const { labels, value } of samples) {
    const key = Object.entries(labels)
      .filter(([name]) => name !== '__name__')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, v]) => `${name}=${v}`)
      .join(',');
    result.set(key, value);
  }
  return result;
}

function ours(samples: VectorSample[]): Map<string, number> {
  return normalize(samples.map((s) => ({ labels: Object.fromEntries(Object.entries(s.attributes).map(([k, v]) => [prometheusLabelName(k), v])), value: s.value })));
}

function theirs(samples: BackfillSample[]): Map<string, number> {
  return normalize(samples.map((s) => ({ labels: s.metric, value: s.value })));
}

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

describeWithPeer('prometheus', 'history PromQL functions against a real Prometheus (same samples)', () => {
  const base = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
  const collected = buildScenario(base);
  let prometheus: BackfilledPrometheus;
  let history: StoreHistory;

  beforeAll(async () => {
    prometheus = await startBackfilledPrometheus(toOpenMetrics(collected));
    const store = new HistoryStore({ capacity: STEPS + 1, maxSeries: 100 });
    for (const { time, metrics } of collected) expect(store.ingest(collection(metrics), time)).toBe(true);
    const recorder = { collect: () => Promise.resolve() } as unknown as HistoryRecorder;
    history = new StoreHistory({ store, recorder, clock: new ManualClock(base), maxAgeMs: 24 * 3_600_000 });
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  const times = (): number[] => {
    const sampleTimes = collected.map((c) => c.time);
    const picks = [2, 3, 7, 11, 12, 16, 19, 20, 21, 22, 25, 31, 33, 40, 47].map((index) => sampleTimes[index]!);
    return [...picks, ...picks.map((t) => t + 7_321), sampleTimes[0]! - 1, sampleTimes.at(-1)! + 200_000];
  };

  it.each(CASES)('%s', async (promql, compute) => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const at of times()) {
      const expected = theirs(await prometheus.query(promql, at));
      const actual = ours(compute(history, at));
      compared += expected.size;
      const keys = new Set([...expected.keys(), ...actual.keys()]);
      for (const key of keys) {
        const want = expected.get(key);
        const got = actual.get(key);
        if (want === undefined || got === undefined || !close(want, got)) mismatches.push(`at +${at - base} ms {${key}}: prometheus ${want}, history ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(0);
  });
});
