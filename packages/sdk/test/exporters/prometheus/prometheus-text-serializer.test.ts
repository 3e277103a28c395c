import { diag, DiagLogLevel } from '@opentelemetry/api';
import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { DataPointType } from '@opentelemetry/sdk-metrics';
import type { MetricData, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { prometheusNameWithSuffixes } from '../../../src/exporters/prometheus/prometheus-metric-name.js';
import type { PrometheusMetricKind } from '../../../src/exporters/prometheus/prometheus-metric-name.js';
import { prometheusMetricName } from '../../../src/exporters/prometheus/prometheus-text-format.js';
import { PrometheusTextSerializer } from '../../../src/exporters/prometheus/prometheus-text-serializer.js';
import type { PrometheusTextSerializerOptions } from '../../../src/exporters/prometheus/prometheus-text-serializer.js';
import { AWKWARD_VALUES, collectEveryKind, gauge, histogram, histogramValue, point, resourceMetrics, sum } from './metrics-fixtures.js';
import { parseExposition } from './parse-exposition.js';
import { randomResourceMetrics, seededRandom } from './random-metrics.js';

/**
 * OTel's serializer as its PrometheusExporter builds it (no prefix, no timestamps, no resource
 * labels), plus the final line feed it omits after "# no registered metrics" (see the test below).
 */
function otel(metrics: ResourceMetrics, options: PrometheusTextSerializerOptions = {}): string {
  const text = new PrometheusSerializer(undefined, false, undefined, options.withoutTargetInfo, options.withoutScopeInfo).serialize(metrics);
  return text.endsWith('\n# no registered metrics') || text === '# no registered metrics' ? `${text}\n` : text;
}

/** Ours with the names OTel's exporter gives (`withoutUnits: true`), to be compared byte for byte. */
function ours(metrics: ResourceMetrics, options: PrometheusTextSerializerOptions = {}): string {
  return new PrometheusTextSerializer({ withoutUnits: true, ...options }).serialize(metrics);
}

/**
 * Whether the installed OTel serializer groups same-named metrics into one family (0.301 and later
 * do, as ours does; 0.223 prints a second family, which Prometheus' parsers reject). Told by
 * behaviour, so the differential runs against whichever OTel line npm installed.
 */
function otelGroupsFamilies(): boolean {
  const twice = resourceMetrics([{ scope: { name: 'a' }, metrics: [gauge('dup', [point(1)])] }, { scope: { name: 'b' }, metrics: [gauge('dup', [point(2)])] }]);
  return otel(twice).match(/^# TYPE dup /gm)?.length === 1;
}

/**
 * What both serializers must print alike: everything with OTel 0.301+; with 0.223, the collection
 * without a second metric of an already used family name (0.223 prints it as a second family).
 */
function comparable(metrics: ResourceMetrics, grouping: boolean): ResourceMetrics {
  if (grouping) return metrics;
  const seen = new Set<string>(['target_info']);
  const scopeMetrics = metrics.scopeMetrics.map((scope) => ({
    ...scope,
    metrics: scope.metrics.filter((metric) => {
      const name = prometheusMetricName(metric.descriptor.name, kindOf(metric) === 'counter');
      if (name === undefined) return true;
      if (seen.has(name)) return false;
      seen.add(name);
      return true;
    }),
  }));
  return { ...metrics, scopeMetrics };
}

const OPTION_SETS: PrometheusTextSerializerOptions[] = [{}, { withoutTargetInfo: true }, { withoutScopeInfo: true }, { withoutTargetInfo: true, withoutScopeInfo: true }];

describe('PrometheusTextSerializer with withoutUnits: true, against the installed OTel PrometheusSerializer (0.223 or 0.301)', () => {
  let every: ResourceMetrics;
  let shutdown: () => Promise<void>;

  beforeAll(async () => {
    ({ metrics: every, shutdown } = await collectEveryKind());
  });
  afterAll(() => shutdown());

  it.each(OPTION_SETS)('prints every kind of instrument collected by the SDK exactly as OTel does (%o)', (options) => {
    const text = ours(every, options);
    expect(text).toBe(otel(every, options));
    // Not vacuous: the collection holds what the fixture says.
    const parsed = parseExposition(text);
    expect(Object.keys(parsed.type)).toHaveLength(options.withoutTargetInfo === true ? 11 : 12);
    expect(parsed.samples.length).toBeGreaterThan(40);
  });

  it('parses into the same families, samples, labels and values as OTel output', () => {
    expect(parseExposition(ours(every))).toEqual(parseExposition(otel(every)));
  });

  it('carries HELP, UNIT and TYPE, `_total` counters, scope labels and target_info as OTel names them', () => {
    const parsed = parseExposition(ours(every));
    expect(parsed.help.mcp_tool_calls_total).toBe('Tool calls, "quoted"\nand \\ escaped.');
    expect(parsed.help.payload_size).toBe('Default bounds, no attributes.');
    expect(parsed.help.requests_total).toBe('description missing');
    expect(parsed.unit).toMatchObject({ mcp_tool_calls_total: '{call}', process_temperature: 'Cel', mcp_tool_duration: 's', bytes_sent_total: 'By' });
    expect(parsed.type).toMatchObject({
      target_info: 'gauge',
      mcp_tool_calls_total: 'counter',
      requests_total: 'counter',
      mcp_sessions_active: 'gauge',
      process_temperature: 'gauge',
      observed_ticks_total: 'counter',
      mcp_tool_duration: 'histogram',
    });
    expect(parsed.type).not.toHaveProperty('never_recorded_total');
    const target = parsed.samples.find((s) => s.name === 'target_info')!;
    expect(target.labels).toMatchObject({ service_name: 'every "kind"\nof\\metric', host_count: '3', feature_on: 'true', deployment_regions: '["eu","us \\"east\\""]' });
    const echo = parsed.samples.find((s) => s.name === 'mcp_tool_calls_total' && s.labels.mcp_tool_name === 'echo')!;
    expect(echo).toEqual({
      name: 'mcp_tool_calls_total',
      labels: { mcp_tool_name: 'echo', mcp_method_name: 'tools/call', otel_scope_name: '@mcp-otel/sdk/app', otel_scope_schema_url: 'https://opentelemetry.io/schemas/1.30.0', otel_scope_version: '0.1.0' },
      value: '3',
    });
    const awkward = parsed.samples.filter((s) => s.name === 'mcp_tool_calls_total' && s.labels.mcp_method_name === undefined);
    expect(awkward.map((s) => s.labels.mcp_tool_name)).toEqual(AWKWARD_VALUES);
    expect(parsed.samples.find((s) => s.name === 'bytes_sent_total')!.labels).toMatchObject({ net_peer: 'a', weird_key_: 'x' });
  });

  it('writes histograms as _count, _sum, then cumulative _bucket samples with le last', () => {
    const lines = ours(every)
      .split('\n')
      .filter((line) => line.startsWith('mcp_tool_duration') && line.includes('mcp_tool_name="echo"'));
    const scope = 'otel_scope_name="bare-scope"';
    expect(lines).toEqual([
      `mcp_tool_duration_count{mcp_tool_name="echo",${scope}} 7`,
      `mcp_tool_duration_sum{mcp_tool_name="echo",${scope}} ${[0.001, 0.007, 0.05, 0.5, 3, 100, 0.1].reduce((a, b) => a + b, 0)}`,
      ...[
        ['0.005', 1],
        ['0.01', 2],
        ['0.1', 4],
        ['1', 5],
        ['2.5', 5],
        ['10', 6],
        ['+Inf', 7],
      ].map(([le, count]) => `mcp_tool_duration_bucket{mcp_tool_name="echo",${scope},le="${le}"} ${count}`),
    ]);
    expect(ours(every)).toContain('tiny_bucket{otel_scope_name="bare-scope",le="1e-7"} 0\n');
  });

  it.each(OPTION_SETS)('prints hand-built edge cases exactly as OTel does (%o)', (options) => {
    const inf = histogramValue([1, Infinity], [1, 2, 0], 5);
    const metrics = resourceMetrics(
      [
        {
          scope: { name: 'edge', version: '', schemaUrl: '' },
          metrics: [
            sum('9starts.with.digit', [point(1)]),
            sum('already_total', [point(2)]),
            sum('not.monotonic', [point(-0), point(NaN, { a: 'b' })], { monotonic: false }),
            sum('', [point(1)]),
            sum('_', [point(1)]),
            sum('a..b--c', [point(Infinity, { 'x.y': 'z', 'x-y': 'dup after sanitizing', '42': 'integer-like key first' })], { unit: 'a\\b\nc' }),
            gauge('values', [point(-Infinity), point(1e21), point(5e-324), point(123456789.125), point(0.1 + 0.2)]),
            histogram('no.sum', [point(histogramValue([0.5], [1, 1]), { le: 'own' })]),
            histogram('explicit.inf', [point(inf)]),
            histogram('no.points', []),
          ],
        },
        { scope: { name: 'empty-scope' }, metrics: [] },
      ],
      resourceFromAttributes({ '': 'empty key', 'x': undefined }),
    );
    expect(ours(metrics, options)).toBe(otel(metrics, options));
  });

  it.each(OPTION_SETS)('prints "# no registered metrics" when nothing was recorded, as OTel does but with the final line feed (%o)', (options) => {
    const metrics = resourceMetrics([{ scope: { name: 'nothing' }, metrics: [] }], resourceFromAttributes({ 'service.name': 'idle' }));
    const raw = new PrometheusSerializer(undefined, false, undefined, options.withoutTargetInfo, options.withoutScopeInfo).serialize(metrics);
    expect(raw.endsWith('\n# no registered metrics') || raw === '# no registered metrics').toBe(true);
    expect(ours(metrics, options)).toBe(`${raw}\n`);
  });

  it('prints 500 random collections exactly as OTel does, with each option set', () => {
    let compared = 0;
    const grouping = otelGroupsFamilies();
    for (let seed = 1; seed <= 500; seed++) {
      const metrics = comparable(randomResourceMetrics(seededRandom(seed)), grouping);
      const options = OPTION_SETS[seed % OPTION_SETS.length];
      const expected = otel(metrics, options);
      const actual = ours(metrics, options);
      if (actual !== expected) throw new Error(`seed ${seed}: output differs from OTel's\n--- OTel\n${expected}\n--- ours\n${actual}`);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(100_000);
  });
});

function kindOf(metric: MetricData): PrometheusMetricKind {
  if (metric.dataPointType === DataPointType.SUM) return metric.isMonotonic ? 'counter' : 'updowncounter';
  return metric.dataPointType === DataPointType.GAUGE ? 'gauge' : 'histogram';
}

/** One metric alone in its scope, without target_info: one family block in either serializer. */
function alone(metrics: ResourceMetrics, scopeIndex: number, metric: MetricData): ResourceMetrics {
  return { resource: metrics.resource, scopeMetrics: [{ scope: metrics.scopeMetrics[scopeIndex]!.scope, metrics: [metric] }] };
}

/**
 * The differential for the default names: each metric's block as OTel prints it, its family name
 * (HELP / UNIT / TYPE lines, every sample) replaced by the name with suffixes. Everything else
 * (help text, unit line, type, labels, values, order) must be OTel's.
 */
function expectOtelBlockRenamed(metrics: ResourceMetrics): number {
  let compared = 0;
  metrics.scopeMetrics.forEach((scope, index) => {
    for (const metric of scope.metrics) {
      const single = alone(metrics, index, metric);
      const legacy = prometheusMetricName(metric.descriptor.name, kindOf(metric) === 'counter');
      const renamed = prometheusNameWithSuffixes(metric.descriptor.name, metric.descriptor.unit, kindOf(metric));
      const actual = new PrometheusTextSerializer({ withoutTargetInfo: true }).serialize(single);
      if (legacy === undefined || renamed === undefined || metric.dataPointType === DataPointType.EXPONENTIAL_HISTOGRAM) continue;
      const expected = otel(single, { withoutTargetInfo: true })
        .split('\n')
        .map((line) => {
          const comment = /^# (HELP|UNIT|TYPE) /.exec(line);
          if (comment !== null) return `${comment[0]}${renamed}${line.slice(comment[0].length + legacy.length)}`;
          return line.startsWith(legacy) ? renamed + line.slice(legacy.length) : line;
        })
        .join('\n');
      if (actual !== expected) throw new Error(`metric ${JSON.stringify(metric.descriptor)} differs\n--- OTel, renamed\n${expected}\n--- ours\n${actual}`);
      compared++;
    }
  });
  return compared;
}

describe('PrometheusTextSerializer default names: unit and type suffixes (OTel spec, Prometheus OTLP translation)', () => {
  it('prints every metric as OTel does but for the family name, which gets its suffixes', async () => {
    const { metrics, shutdown } = await collectEveryKind();
    await shutdown();
    expect(expectOtelBlockRenamed(metrics)).toBe(11);
    const parsed = parseExposition(new PrometheusTextSerializer().serialize(metrics));
    expect(parsed.type).toMatchObject({
      target_info: 'gauge',
      mcp_tool_calls_total: 'counter',
      requests_total: 'counter',
      // `bytes` is already a word of the name: no second one (the translation's rule).
      bytes_sent_total: 'counter',
      mcp_sessions_active: 'gauge',
      process_temperature_celsius: 'gauge',
      observed_ticks_total: 'counter',
      mcp_tool_duration_seconds: 'histogram',
      payload_size: 'histogram',
    });
    expect(parsed.unit).toMatchObject({ mcp_tool_duration_seconds: 's', bytes_sent_total: 'By', mcp_tool_calls_total: '{call}' });
    expect(parsed.samples.filter((sample) => sample.name === 'mcp_tool_duration_seconds_count')).not.toHaveLength(0);
  });

  it('renames 500 random collections the same way, and keeps target_info as it is', () => {
    let compared = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const metrics = randomResourceMetrics(seededRandom(seed));
      compared += expectOtelBlockRenamed(metrics);
      const targetInfo = (text: string) => text.split('\n').filter((line) => line.includes('target_info')).join('\n');
      expect(targetInfo(new PrometheusTextSerializer().serialize(metrics))).toBe(targetInfo(otel(metrics)));
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe('PrometheusTextSerializer families', () => {
  // Found by the Node 24 / OTel 0.301 leg: a name in two scopes was printed as two families, whose
  // second `# TYPE` Prometheus' text parsers reject; OTel 0.301 groups them, and so do we.
  it('prints a name used in two scopes (or twice in one) as one family, HELP and UNIT the first non-empty', () => {
    const metrics = resourceMetrics([
      { scope: { name: 'first' }, metrics: [sum('calls', [point(1, { tool: 'a' })]), gauge('temp', [point(20)])] },
      { scope: { name: 'second' }, metrics: [sum('calls', [point(2, { tool: 'b' })], { description: 'Calls made', unit: '{call}' })] },
    ]);
    expect(new PrometheusTextSerializer({ withoutTargetInfo: true }).serialize(metrics)).toBe(
      [
        '# HELP calls_total Calls made',
        '# UNIT calls_total {call}',
        '# TYPE calls_total counter',
        'calls_total{tool="a",otel_scope_name="first"} 1',
        'calls_total{tool="b",otel_scope_name="second"} 2',
        '# HELP temp description missing',
        '# TYPE temp gauge',
        'temp{otel_scope_name="first"} 20',
        '',
      ].join('\n'),
    );
    const parsed = parseExposition(new PrometheusTextSerializer().serialize(metrics));
    expect(parsed.samples.filter((sample) => sample.name === 'calls_total').map((sample) => sample.value)).toEqual(['1', '2']);
  });

  it('serves nothing of a name whose metrics disagree on TYPE, and says so once', () => {
    const warn = jest.fn();
    diag.setLogger({ verbose: () => {}, debug: () => {}, info: () => {}, warn, error: () => {} }, DiagLogLevel.WARN);
    try {
      const metrics = resourceMetrics([
        { scope: { name: 'a' }, metrics: [gauge('clash', [point(1)]), gauge('kept', [point(3)])] },
        { scope: { name: 'b' }, metrics: [histogram('clash', [])] },
      ]);
      const serializer = new PrometheusTextSerializer({ withoutTargetInfo: true, withoutUnits: true });
      for (let scrape = 0; scrape < 3; scrape++) expect(serializer.serialize(metrics)).toBe('# HELP kept description missing\n# TYPE kept gauge\nkept{otel_scope_name="a"} 3\n');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toContain('metrics named "clash" have different Prometheus types');
    } finally {
      diag.disable();
    }
  });
});

describe('PrometheusTextSerializer warnings', () => {
  afterEach(() => diag.disable());

  it('warns once through diag about metrics it cannot serve, however many scrapes', () => {
    const warnings: unknown[] = [];
    const ignore = () => undefined;
    diag.setLogger({ warn: (message: string) => warnings.push(message), error: ignore, info: ignore, debug: ignore, verbose: ignore }, DiagLogLevel.WARN);
    const exponential = exponentialHistogramOnly();
    const serializer = new PrometheusTextSerializer();
    for (let i = 0; i < 3; i++) expect(serializer.serialize(exponential)).toContain('# TYPE x untyped\n');
    expect(warnings).toEqual(['mcp-otel: metric "x" is an exponential histogram, which the Prometheus text format cannot carry; it is served without samples']);
  });
});

function exponentialHistogramOnly(): ResourceMetrics {
  const metric = sum('x', []);
  return resourceMetrics([{ scope: { name: 's' }, metrics: [{ ...metric, dataPointType: DataPointType.EXPONENTIAL_HISTOGRAM, dataPoints: [] } as unknown as MetricData] }]);
}

describe('PrometheusTextSerializer.chunks', () => {
  it('splits the text into chunks of about chunkLines samples whose concatenation is serialize()', async () => {
    const { metrics, shutdown } = await collectEveryKind();
    await shutdown();
    const serializer = new PrometheusTextSerializer();
    const whole = serializer.serialize(metrics);
    for (const chunkLines of [1, 7, 50]) {
      const chunks = [...serializer.chunks(metrics, chunkLines)];
      expect(chunks.join('')).toBe(whole);
      expect(chunks.length).toBeGreaterThan(whole.split('\n').length / (chunkLines + 20));
    }
    expect([...serializer.chunks(metrics, Infinity)]).toEqual([whole]);
  });

  it('never splits a histogram data point', () => {
    const metrics = resourceMetrics([{ scope: { name: 's' }, metrics: [histogram('h', [point(histogramValue([1, 2, 3], [1, 1, 1, 1], 4), { k: 'a' }), point(histogramValue([1, 2, 3], [0, 0, 0, 1], 9), { k: 'b' })])] }]);
    const chunks = [...new PrometheusTextSerializer({ withoutTargetInfo: true }).chunks(metrics, 1)];
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toMatch(/^# HELP h_milliseconds h\n# UNIT h_milliseconds ms\n# TYPE h_milliseconds histogram\nh_milliseconds_count\{k="a",otel_scope_name="s"\} 4\n/);
    expect(chunks[0]!.endsWith('h_milliseconds_bucket{k="a",otel_scope_name="s",le="+Inf"} 4\n')).toBe(true);
    expect(chunks[1]!.startsWith('h_milliseconds_count{k="b",otel_scope_name="s"} 1\n')).toBe(true);
  });

  it('does the work lazily, chunk by chunk', () => {
    let reads = 0;
    const points = Array.from({ length: 10 }, (_, i) => point(i, { i: String(i) }));
    const counted = points.map((p) => ({
      ...p,
      get attributes() {
        reads++;
        return p.attributes;
      },
    }));
    const chunks = new PrometheusTextSerializer({ withoutTargetInfo: true }).chunks(resourceMetrics([{ scope: { name: 's' }, metrics: [sum('c', counted)] }]), 3);
    chunks.next();
    expect(reads).toBe(3);
    chunks.next();
    expect(reads).toBe(6);
  });
});
