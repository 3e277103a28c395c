import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { encodeOtlpJson } from '../otlp/encode-otlp-json.js';
import { PrometheusTextSerializer } from '../prometheus/prometheus-text-serializer.js';
import type { FileFormat } from './file-options.js';

const decoder = new TextDecoder();
// The serializer /metrics uses, so the file equals what the endpoint serves (and, unlike OTel's,
// an idle process still gives a file promtool accepts).
const prometheus = new PrometheusTextSerializer();
const prometheusWithoutUnits = new PrometheusTextSerializer({ withoutUnits: true });

/**
 * One collection as OTLP/JSON: an `ExportMetricsServiceRequest` (`{"resourceMetrics":[...]}`)
 * on one line, byte-identical to OTel's OTLP/JSON serializer (see `encodeOtlpJson`), followed
 * by `\n`. This is the layout of the OpenTelemetry Collector's file exporter, so `otlpjsonfile`
 * receivers can replay it.
 */
export function formatJsonLine(metrics: ResourceMetrics): string {
  // JSON text has no raw newline (strings escape theirs), so one request stays on one line.
  return decoder.decode(encodeOtlpJson(metrics)) + '\n';
}

/**
 * One collection in the Prometheus text exposition format (what the Prometheus exporter serves);
 * `withoutUnits` as the exporter's option of that name.
 */
export function formatPrometheusSnapshot(metrics: ResourceMetrics, withoutUnits = false): string {
  return (withoutUnits ? prometheusWithoutUnits : prometheus).serialize(metrics);
}

/**
 * The file content for one collection in `format`.
 *
 * @example
 * ```ts
 * const line = formatFileContent(resourceMetrics, 'jsonl'); // '{"resourceMetrics":[...]}\n'
 * ```
 */
export function formatFileContent(metrics: ResourceMetrics, format: FileFormat, withoutUnits = false): string {
  return format === 'jsonl' ? formatJsonLine(metrics) : formatPrometheusSnapshot(metrics, withoutUnits);
}
