import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { ResolvedOtlpExporter } from '../../config/resolved-config.js';
import { createFetchOtlpSender } from './fetch-otlp-sender.js';
import type { FetchOtlpSenderOptions } from './fetch-otlp-sender.js';
import { OTLP_ENCODINGS } from './otlp-encoding.js';
import { OtlpHttpExporter } from './otlp-http-exporter.js';
import type { OtlpSender } from './otlp-sender.js';
import type { RetryTiming } from './send-with-retries.js';

/** The `fetch` sender's options for `config`. */
export function fetchSenderOptions(config: ResolvedOtlpExporter): FetchOtlpSenderOptions {
  return { url: config.endpoint, headers: config.headers, contentType: OTLP_ENCODINGS[config.protocol].contentType, compression: config.compression };
}

/**
 * The OTLP/HTTP exporter of `config`. Without `sender` it sends with `fetch` (browsers, workers,
 * other runtimes without Node); Node passes its `node:http` sender (platform/node). Every option
 * comes from the resolved config, which already merged the `OTEL_EXPORTER_OTLP_*` variables with
 * the documented precedence: nothing is read from the environment here. Failed exports are
 * retried (OTel's policy) and answered as results; they never reject into the host.
 */
export function createOtlpExporter(config: ResolvedOtlpExporter, sender?: OtlpSender, timing?: RetryTiming): PushMetricExporter {
  const encoding = OTLP_ENCODINGS[config.protocol];
  return new OtlpHttpExporter({
    encoding,
    sender: sender ?? createFetchOtlpSender(fetchSenderOptions(config)),
    timeoutMs: config.timeoutMs,
    temporality: config.temporality,
    ...(timing && { timing }),
  });
}
