import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import { AggregationTemporality, DataPointType, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { ObservedExporter, countDataPoints } from '../../src/report/observed-exporter.js';
import { createExporterInstruments } from '../../src/report/self-metrics.js';
import type { Reporter } from '../../src/report/reporter.js';

/** An inner exporter whose next answers the test decides. */
class ScriptedExporter implements PushMetricExporter {
  answers: (ExportResult | 'hang' | 'throw')[] = [];
  exports = 0;
  export(_metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    this.exports++;
    const next = this.answers.shift() ?? { code: ExportResultCode.SUCCESS };
    if (next === 'throw') throw new Error('sync boom');
    if (next !== 'hang') resultCallback(next);
  }
  selectAggregationTemporality(): AggregationTemporality {
    return AggregationTemporality.DELTA;
  }
  forceFlush = (): Promise<void> => Promise.resolve();
  shutdown = (): Promise<void> => Promise.resolve();
}

function recordingReporter(): Reporter & { lines: string[] } {
  const lines: string[] = [];
  return { lines, error: (m) => lines.push(`error ${m}`), warn: (m) => lines.push(`warn ${m}`), info: (m) => lines.push(`info ${m}`), debug: () => undefined };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4318'), { code: 'ECONNREFUSED' });
const failed = (error: Error): ExportResult => ({ code: ExportResultCode.FAILED, error });

function setup(deadlineMs = 1000) {
  const inner = new ScriptedExporter();
  const reporter = recordingReporter();
  const observed = new ObservedExporter(inner, {
    identity: { componentType: 'otlp_http_metric_exporter', componentName: 'otlp_http_metric_exporter/7', label: 'otlp exporter', target: 'http://c:4318/v1/metrics', fix: () => 'start it.' },
    reporter,
    deadlineMs,
    retryNote: 'every 60s',
  });
  // The instruments live in a provider of their own, read by an in-memory exporter.
  const memory = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: memory, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  observed.observeWith(createExporterInstruments(provider.getMeter('self')));
  const exportOnce = () => new Promise<ExportResult>((resolve) => observed.export(sample, resolve));
  const selfMetrics = async () => {
    await reader.forceFlush();
    const metrics = memory.getMetrics().at(-1)?.scopeMetrics[0]?.metrics ?? [];
    memory.reset();
    return metrics;
  };
  return { inner, reporter, observed, exportOnce, selfMetrics, provider };
}

const sample: ResourceMetrics = {
  resource: { attributes: {} } as ResourceMetrics['resource'],
  scopeMetrics: [
    {
      scope: { name: 's' },
      metrics: [
        {
          descriptor: { name: 'a', description: '', unit: '', valueType: 1 },
          aggregationTemporality: AggregationTemporality.CUMULATIVE,
          dataPointType: DataPointType.SUM,
          isMonotonic: true,
          dataPoints: [
            { startTime: [0, 0], endTime: [0, 0], attributes: {}, value: 1 },
            { startTime: [0, 0], endTime: [0, 0], attributes: { k: 'v' }, value: 2 },
          ],
        },
      ],
    },
  ],
};

describe('ObservedExporter', () => {
  it('warns once per failure streak with the target and the fix, and says once when it recovers', async () => {
    const { inner, reporter, exportOnce } = setup();
    inner.answers = [failed(refused), failed(refused), failed(refused), { code: ExportResultCode.SUCCESS }, failed(refused)];
    for (let i = 0; i < 5; i++) await exportOnce();
    expect(reporter.lines).toEqual([
      'warn otlp exporter: cannot export metrics to http://c:4318/v1/metrics: connect ECONNREFUSED 127.0.0.1:4318. Fix: start it. Retrying every 60s; until an export succeeds, failures are counted (otel.sdk.exporter.metric_data_point.exported with error.type), not logged.',
      'info otlp exporter: exporting to http://c:4318/v1/metrics again, after 3 failed export(s).',
      expect.stringMatching(/^warn otlp exporter: cannot export/),
    ]);
  });

  it('answers the reader SUCCESS whatever happened, so the reader logs nothing of its own', async () => {
    const { inner, exportOnce } = setup();
    inner.answers = [failed(refused), 'throw'];
    expect(await exportOnce()).toEqual({ code: ExportResultCode.SUCCESS });
    expect(await exportOnce()).toEqual({ code: ExportResultCode.SUCCESS });
  });

  it('answers by its deadline when the exporter never calls back, as error.type=timeout', async () => {
    const { inner, reporter, observed, exportOnce, selfMetrics } = setup(50);
    inner.answers = ['hang'];
    await exportOnce();
    expect(reporter.lines[0]).toContain('no answer within 50ms');
    expect(observed.status()).toMatchObject({ consecutiveFailures: 1, lastErrorType: 'timeout', exporting: 0 });
    const points = (await selfMetrics()).find((metric) => metric.descriptor.name === 'otel.sdk.exporter.metric_data_point.exported');
    expect(points?.dataPoints).toEqual([expect.objectContaining({ value: 2, attributes: expect.objectContaining({ 'error.type': 'timeout' }) })]);
  });

  it('counts every data point once per export, failed ones with error.type, and times each export', async () => {
    const { inner, exportOnce, selfMetrics } = setup();
    inner.answers = [{ code: ExportResultCode.SUCCESS }, failed(Object.assign(new Error('Unauthorized'), { code: 401 }))];
    await exportOnce();
    await exportOnce();
    const metrics = await selfMetrics();
    const points = metrics.find((metric) => metric.descriptor.name === 'otel.sdk.exporter.metric_data_point.exported')!;
    const component = { 'otel.component.type': 'otlp_http_metric_exporter', 'otel.component.name': 'otlp_http_metric_exporter/7' };
    expect(points.dataPoints.map((point) => [point.attributes, point.value])).toEqual([
      [component, 2],
      [{ ...component, 'error.type': '401' }, 2],
    ]);
    const duration = metrics.find((metric) => metric.descriptor.name === 'otel.sdk.exporter.operation.duration')!;
    expect(duration.descriptor.unit).toBe('s');
    expect(duration.dataPoints).toHaveLength(2);
  });

  it('keeps the inner exporter temporality, as the reader reads it at construction', () => {
    const { observed } = setup();
    expect(observed.selectAggregationTemporality?.(0 as never)).toBe(AggregationTemporality.DELTA);
    expect(new ObservedExporter(new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE), { identity: { componentType: 't', componentName: 't/0', label: 'l', target: 't' }, reporter: recordingReporter(), deadlineMs: 10, retryNote: '' }).selectAggregation).toBeUndefined();
  });

  it('counts data points across scopes and metrics', () => {
    expect(countDataPoints(sample)).toBe(2);
    expect(countDataPoints({ ...sample, scopeMetrics: [...sample.scopeMetrics, ...sample.scopeMetrics] })).toBe(4);
  });
});
