import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { decodeOtlpResponse } from './decode-otlp-response.js';
import type { OtlpPartialSuccess } from './decode-otlp-response.js';
import { encodeOtlpJson } from './encode-otlp-json.js';
import { encodeOtlpProtobuf } from './encode-otlp-protobuf.js';

/** One OTLP/HTTP encoding: the request body, its content type, and how the answer reads. */
export interface OtlpEncoding {
  readonly contentType: string;
  encode(data: ResourceMetrics): Uint8Array;
  /** The partial success of an answer; `undefined` when it has none or cannot be read. */
  decodeResponse(body: Uint8Array): OtlpPartialSuccess | undefined;
}

/** The encodings of `protocol` (`http/protobuf`, `http/json`): byte-identical to OTel's serializers. */
export const OTLP_ENCODINGS: Readonly<Record<'http/protobuf' | 'http/json', OtlpEncoding>> = {
  'http/protobuf': {
    contentType: 'application/x-protobuf',
    encode: encodeOtlpProtobuf,
    decodeResponse: (body) => decodeOtlpResponse(body, 'http/protobuf'),
  },
  'http/json': {
    contentType: 'application/json',
    encode: encodeOtlpJson,
    decodeResponse: (body) => decodeOtlpResponse(body, 'http/json'),
  },
};
