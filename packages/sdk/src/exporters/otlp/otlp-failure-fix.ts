/** The fix for an OTLP failure, by `error.type`. */
export function otlpFix(errorType: string): string {
  switch (errorType) {
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EPIPE':
      return 'start the OpenTelemetry Collector (or other OTLP receiver), or point the exporter\'s endpoint (OTEL_EXPORTER_OTLP_ENDPOINT) at a running one.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'check the host name in the exporter\'s endpoint (OTEL_EXPORTER_OTLP_ENDPOINT).';
    case 'timeout':
    case 'ETIMEDOUT':
      return 'check that the receiver is reachable and answering, or raise the exporter\'s timeout (OTEL_EXPORTER_OTLP_TIMEOUT).';
    case '401':
    case '403':
      return 'the receiver refused the credentials: check the exporter\'s headers (OTEL_EXPORTER_OTLP_HEADERS).';
    case '404':
      return 'the receiver has no OTLP metrics endpoint at that path: OTLP/HTTP metrics go to <base>/v1/metrics (set OTEL_EXPORTER_OTLP_ENDPOINT to the base URL).';
    case '413':
      return 'the receiver refused the request size: raise its limit, enable compression: "gzip", or lower the cardinality.';
    case '415':
    case '400':
      return 'the receiver does not accept this encoding: try protocol "http/json" or "http/protobuf" (OTEL_EXPORTER_OTLP_PROTOCOL).';
    case 'retryable_status':
      return 'the receiver is overloaded or restarting; if it lasts, scale it or raise collectionInterval.';
    default:
      return 'check that the OTLP receiver at the endpoint is running and accepts OTLP/HTTP metrics.';
  }
}
