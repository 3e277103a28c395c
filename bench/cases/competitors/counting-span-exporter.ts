/**
 * A span exporter that counts the spans it receives and drops them: the cheapest real exporter
 * behind a span processor (the spans are built, processed and handed over as with any exporter),
 * with bounded memory however long the run.
 */
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-node';

export class CountingSpanExporter implements SpanExporter {
  spans = 0;

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.spans += spans.length;
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  async shutdown(): Promise<void> {}
}
