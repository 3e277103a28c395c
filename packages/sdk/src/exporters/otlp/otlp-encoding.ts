import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { JsonMetricsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';

/** What an OTLP receiver said it dropped of an accepted request (`partial_success`). */
export interface OtlpPartialSuccess {
  rejectedDataPoints: number;
  errorMessage: string;
}

/** One OTLP/HTTP encoding: the request body, its content type, and how the answer reads. */
export interface OtlpEncoding {
  readonly contentType: string;
  encode(data: ResourceMetrics): Uint8Array;
  /** The partial success of an answer; `undefined` when it has none. May throw on a malformed answer. */
  decodeResponse(body: Uint8Array): OtlpPartialSuccess | undefined;
}

// TEMPORARY (replaced by our encoder on merge)
export const OTLP_ENCODINGS: Readonly<Record<'http/protobuf' | 'http/json', OtlpEncoding>> = {
  'http/protobuf': {
    contentType: 'application/x-protobuf',
    encode: (data) => ProtobufMetricsSerializer.serializeRequest(data)!,
    decodeResponse: () => undefined,
  },
  'http/json': {
    contentType: 'application/json',
    encode: (data) => JsonMetricsSerializer.serializeRequest(data)!,
    decodeResponse: () => undefined,
  },
};
