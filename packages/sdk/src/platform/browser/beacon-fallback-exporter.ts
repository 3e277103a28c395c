import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { AggregationTemporality, InstrumentType, PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ResolvedOtlpExporter } from '../../config/resolved-config.js';
import { encodeOtlpJson } from '../../exporters/otlp/encode-otlp-json.js';
import { encodeOtlpProtobuf } from '../../exporters/otlp/encode-otlp-protobuf.js';
import type { PageState } from './page-lifecycle.js';

/** What browsers let a keepalive fetch carry (64 KiB for all pending ones; OTel's transport keeps 60 KiB). */
const KEEPALIVE_BYTES = 60 * 1024;

/** `navigator.sendBeacon`, or `undefined` where there is none (workers have it too; Node does not). */
export type BeaconSender = (url: string, body: Blob) => boolean;

function defaultBeacon(): BeaconSender | undefined {
  const navigator = (globalThis as { navigator?: { sendBeacon?: BeaconSender } }).navigator;
  return typeof navigator?.sendBeacon === 'function' ? (url, body) => navigator.sendBeacon!(url, body) : undefined;
}

function fetchCanFinish(bytes: number): boolean {
  const request = (globalThis as { Request?: { prototype: object } }).Request;
  return typeof globalThis.fetch === 'function' && request !== undefined && 'keepalive' in request.prototype && bytes <= KEEPALIVE_BYTES;
}

/**
 * The OTLP exporter, plus one thing for the last export of a page: while the page is going
 * away, a batch that a keepalive `fetch` cannot carry (no `fetch`, no keepalive support, or over
 * the keepalive budget) goes out with `navigator.sendBeacon`, encoded with the same bytes OTel's
 * serializer writes (`encodeOtlpJson` / `encodeOtlpProtobuf`).
 * A beacon carries no custom headers, so with `headers` configured the OTLP exporter is used as is.
 * Everything else (encoding, retries, keepalive, timeouts) is the OTLP exporter's.
 */
export class BeaconFallbackExporter implements PushMetricExporter {
  constructor(
    private readonly inner: PushMetricExporter,
    private readonly config: ResolvedOtlpExporter,
    private readonly page: PageState,
    private readonly beacon: BeaconSender | undefined = defaultBeacon(),
  ) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    if (!this.page.hiding || this.beacon === undefined || Object.keys(this.config.headers).length > 0) return this.inner.export(metrics, resultCallback);
    const json = this.config.protocol === 'http/json';
    let body: Uint8Array;
    try {
      body = json ? encodeOtlpJson(metrics) : encodeOtlpProtobuf(metrics);
    } catch {
      return this.inner.export(metrics, resultCallback); // data the encoder cannot write (a NaN time): the exporter reports it
    }
    if (fetchCanFinish(body.byteLength)) return this.inner.export(metrics, resultCallback);
    const type = json ? 'application/json' : 'application/x-protobuf';
    let sent = false;
    try {
      sent = this.beacon(this.config.endpoint, new Blob([body as Uint8Array<ArrayBuffer>], { type }));
    } catch {
      sent = false;
    }
    if (sent) resultCallback({ code: ExportResultCode.SUCCESS });
    else this.inner.export(metrics, resultCallback);
  }

  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return this.inner.selectAggregationTemporality!(instrumentType);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}
