import { diag } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { AggregationTemporality, InstrumentType, PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { OtlpEncoding } from './otlp-encoding.js';
import { asError } from './otlp-sender.js';
import type { OtlpSender, OtlpSendResult } from './otlp-sender.js';
import { selectOtlpTemporality } from './otlp-temporality.js';
import type { OtlpTemporalityPreference } from './otlp-temporality.js';
import { sendWithRetries } from './send-with-retries.js';
import type { RetryTiming } from './send-with-retries.js';

/** OTel's `OTLPMetricExporter` default: exports in flight at once before new ones are refused. */
const DEFAULT_CONCURRENCY_LIMIT = 30;

/** The error OTel's exporter gives when every attempt got 429, 502, 503 or 504 (the failure reports read this message). */
const RETRYABLE_STATUS_MESSAGE = 'Export failed with retryable status';

/** Options of {@link OtlpHttpExporter}. */
export interface OtlpHttpExporterOptions {
  /** How requests and answers are encoded (`http/protobuf` or `http/json`). */
  encoding: OtlpEncoding;
  /** The platform's HTTP. */
  sender: OtlpSender;
  /** Deadline of one export, retries included. */
  timeoutMs: number;
  temporality: OtlpTemporalityPreference;
  /** @default 30 */
  concurrencyLimit?: number;
  /** @default the system clock and timers */
  timing?: RetryTiming;
}

/**
 * The OTLP/HTTP metric exporter: encodes a collection (our encoder, byte-identical to OTel's
 * serializers), sends it with OTel's retry policy and reports partial success through `diag`.
 * It replaces OTel's `OTLPMetricExporter` because that package cannot be installed without the
 * trace and logs SDKs (through `@opentelemetry/otlp-transformer`), which were a fifth of the
 * install footprint of our packages, and a third of a browser bundle's exporter code (issues 9 and
 * 15; measured in docs/performance.md). Its outcomes keep the shapes of OTel's, which
 * report/export-failure.ts reads. It never throws and never rejects.
 */
export class OtlpHttpExporter implements PushMetricExporter {
  private readonly running = new Set<Promise<void>>();
  private readonly concurrencyLimit: number;

  constructor(private readonly options: OtlpHttpExporterOptions) {
    this.concurrencyLimit = options.concurrencyLimit ?? DEFAULT_CONCURRENCY_LIMIT;
  }

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    if (this.running.size >= this.concurrencyLimit) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('Concurrent export limit reached') });
      return;
    }
    let body: Uint8Array;
    try {
      body = this.options.encoding.encode(metrics);
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: asError(error) });
      return;
    }
    const sending = sendWithRetries(this.options.sender, body, this.options.timeoutMs, this.options.timing)
      .then((result) => resultCallback(this.exportResult(result)))
      .catch((error: unknown) => resultCallback({ code: ExportResultCode.FAILED, error: asError(error) }));
    this.running.add(sending);
    void sending.finally(() => this.running.delete(sending));
  }

  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return selectOtlpTemporality(this.options.temporality, instrumentType);
  }

  /** Waits for every export in flight. */
  async forceFlush(): Promise<void> {
    await Promise.all([...this.running]);
  }

  shutdown(): Promise<void> {
    return this.forceFlush();
  }

  private exportResult(result: OtlpSendResult): ExportResult {
    switch (result.status) {
      case 'success':
        if (result.body !== undefined && result.body.byteLength > 0) this.warnOnPartialSuccess(result.body);
        return { code: ExportResultCode.SUCCESS };
      case 'retryable':
        return { code: ExportResultCode.FAILED, error: result.error ?? new Error(RETRYABLE_STATUS_MESSAGE) };
      default:
        return { code: ExportResultCode.FAILED, error: result.error };
    }
  }

  /** The receiver kept only part of the request: said through `diag`, as OTel's exporter does; the export still succeeded. */
  private warnOnPartialSuccess(body: Uint8Array): void {
    try {
      const partial = this.options.encoding.decodeResponse(body);
      if (partial !== undefined) diag.warn('Received Partial Success response:', JSON.stringify(partial));
    } catch (error) {
      diag.warn('Export succeeded but could not deserialize response - is the response specification compliant?', error);
    }
  }
}
