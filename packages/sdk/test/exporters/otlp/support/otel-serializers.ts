import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';

/** What the differential tests compare with: OTel's own serializers, from otlp-transformer. */
export interface OtelMetricsSerializers {
  version: string;
  json: (data: ResourceMetrics) => Uint8Array;
  protobuf: (data: ResourceMetrics) => Uint8Array;
  jsonResponse: (body: Uint8Array) => unknown;
  protobufResponse: (body: Uint8Array) => unknown;
}

interface Serializer {
  serializeRequest(data: ResourceMetrics): Uint8Array | undefined;
  deserializeResponse(body: Uint8Array): unknown;
}

/**
 * The installed `@opentelemetry/otlp-transformer` (0.223 on the main line, 0.301 on CI's compat
 * leg), or the copy at `MCP_OTEL_OTLP_TRANSFORMER` (a package directory) to check another line by
 * hand. A devDependency: the SDK itself no longer uses it at run time.
 */
export function loadOtelSerializers(): OtelMetricsSerializers {
  const where = process.env.MCP_OTEL_OTLP_TRANSFORMER ?? '@opentelemetry/otlp-transformer';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const otel = require(where) as { JsonMetricsSerializer: Serializer; ProtobufMetricsSerializer: Serializer };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require(`${where}/package.json`) as { version: string };
  const serialize = (serializer: Serializer) => (data: ResourceMetrics) => {
    const bytes = serializer.serializeRequest(data);
    if (bytes === undefined) throw new Error(`otlp-transformer ${version} serialized nothing`);
    return bytes;
  };
  return {
    version,
    json: serialize(otel.JsonMetricsSerializer),
    protobuf: serialize(otel.ProtobufMetricsSerializer),
    jsonResponse: (body) => otel.JsonMetricsSerializer.deserializeResponse(body),
    protobufResponse: (body) => otel.ProtobufMetricsSerializer.deserializeResponse(body),
  };
}

/** Bytes as hex, so a failing comparison shows where the encodings part. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
