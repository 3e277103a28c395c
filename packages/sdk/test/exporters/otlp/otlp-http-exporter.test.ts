import { diag, DiagLogLevel } from '@opentelemetry/api';
import type { DiagLogger } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import { CumulativeTemporalitySelector, DeltaTemporalitySelector, LowMemoryTemporalitySelector } from '@opentelemetry/exporter-metrics-otlp-http';
import { InstrumentType } from '@opentelemetry/sdk-metrics';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { OtlpEncoding } from '../../../src/exporters/otlp/otlp-encoding.js';
import { OtlpHttpExporter } from '../../../src/exporters/otlp/otlp-http-exporter.js';
import type { OtlpSender, OtlpSendResult } from '../../../src/exporters/otlp/otlp-sender.js';
import { exportErrorType } from '../../../src/report/export-failure.js';

const DATA = { resource: {}, scopeMetrics: [] } as unknown as ResourceMetrics;
const ENCODING: OtlpEncoding = {
  contentType: 'application/json',
  encode: () => new Uint8Array([1]),
  decodeResponse: (body) => (body[0] === 9 ? { rejectedDataPoints: 2, errorMessage: 'too old' } : undefined),
};
const NO_WAIT = { now: () => 0, wait: () => Promise.resolve(), random: () => 0.5 };

function exporterAnswering(answer: () => Promise<OtlpSendResult>, overrides: Partial<ConstructorParameters<typeof OtlpHttpExporter>[0]> = {}) {
  const sender: OtlpSender = { send: answer };
  return new OtlpHttpExporter({ encoding: ENCODING, sender, timeoutMs: 10_000, temporality: 'cumulative', timing: NO_WAIT, ...overrides });
}

function exportOnce(exporter: OtlpHttpExporter): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(DATA, resolve));
}

describe('OtlpHttpExporter', () => {
  it('answers SUCCESS for a 2xx', async () => {
    await expect(exportOnce(exporterAnswering(() => Promise.resolve({ status: 'success' })))).resolves.toEqual({ code: ExportResultCode.SUCCESS });
  });

  it('answers a failure with the sender\'s error, and every attempt retryable as OTel\'s retryable_status', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const failed = await exportOnce(exporterAnswering(() => Promise.resolve({ status: 'retryable', error: refused })));
    expect(failed).toEqual({ code: ExportResultCode.FAILED, error: refused });
    const busy = await exportOnce(exporterAnswering(() => Promise.resolve({ status: 'retryable' })));
    expect(busy.code).toBe(ExportResultCode.FAILED);
    expect(exportErrorType(busy.error)).toBe('retryable_status');
  });

  it('refuses exports beyond the concurrency limit instead of queueing them without bound', async () => {
    const pending: Array<(result: OtlpSendResult) => void> = [];
    let hold = true;
    const exporter = exporterAnswering(() => (hold ? new Promise((resolve) => pending.push(resolve)) : Promise.resolve({ status: 'success' })), { concurrencyLimit: 2 });
    const first = exportOnce(exporter);
    const second = exportOnce(exporter);
    await expect(exportOnce(exporter)).resolves.toMatchObject({ code: ExportResultCode.FAILED, error: { message: 'Concurrent export limit reached' } });
    expect(pending).toHaveLength(2);
    hold = false;
    pending.forEach((resolve) => resolve({ status: 'success' }));
    await expect(Promise.all([first, second])).resolves.toEqual([{ code: ExportResultCode.SUCCESS }, { code: ExportResultCode.SUCCESS }]);
    await exporter.forceFlush();
    await expect(exportOnce(exporter)).resolves.toEqual({ code: ExportResultCode.SUCCESS });
  });

  it('waits for exports in flight on forceFlush and shutdown', async () => {
    let finish: (result: OtlpSendResult) => void = () => {};
    const exporter = exporterAnswering(() => new Promise((resolve) => (finish = resolve)));
    const results: ExportResult[] = [];
    exporter.export(DATA, (result) => results.push(result));
    const flushed = exporter.forceFlush().then(() => results.length);
    await Promise.resolve();
    finish({ status: 'success' });
    await expect(flushed).resolves.toBe(1);
    await expect(exporter.shutdown()).resolves.toBeUndefined();
  });

  it('answers FAILED, never throws, when encoding throws', async () => {
    const exporter = exporterAnswering(() => Promise.resolve({ status: 'success' }), { encoding: { ...ENCODING, encode: () => { throw new RangeError('bad value'); } } });
    await expect(exportOnce(exporter)).resolves.toMatchObject({ code: ExportResultCode.FAILED, error: { name: 'RangeError' } });
  });

  it('warns through diag on a partial success, and the export still succeeds', async () => {
    const warnings: unknown[][] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as DiagLogger;
    diag.setLogger({ ...logger, error: () => {}, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
    try {
      const result = await exportOnce(exporterAnswering(() => Promise.resolve({ status: 'success', body: new Uint8Array([9]) })));
      expect(result).toEqual({ code: ExportResultCode.SUCCESS });
      expect(warnings).toEqual([['Received Partial Success response:', '{"rejectedDataPoints":2,"errorMessage":"too old"}']]);
    } finally {
      diag.disable();
    }
  });

  it('selects temporality per instrument as OTel\'s OTLP exporter does, for every preference', () => {
    const selectors = { cumulative: CumulativeTemporalitySelector, delta: DeltaTemporalitySelector, lowmemory: LowMemoryTemporalitySelector } as const;
    for (const [preference, otel] of Object.entries(selectors)) {
      const ours = exporterAnswering(() => Promise.resolve({ status: 'success' }), { temporality: preference as keyof typeof selectors });
      for (const instrumentType of Object.values(InstrumentType)) {
        expect([preference, instrumentType, ours.selectAggregationTemporality(instrumentType)]).toEqual([preference, instrumentType, otel(instrumentType)]);
      }
    }
  });
});
