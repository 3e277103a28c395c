import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
  const { version } = packageJsonOf(require.resolve(where));
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

/**
 * The package.json above a resolved entry file. Read from disk: otlp-transformer 0.301's `exports`
 * does not expose `./package.json`, so `require('<name>/package.json')` fails on the 3.x line.
 */
function packageJsonOf(entry: string): { name: string; version: string } {
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (json.name !== undefined && json.version !== undefined) return { name: json.name, version: json.version };
  }
  throw new Error(`no package.json above ${entry}`);
}

/** Bytes as hex, so a failing comparison shows where the encodings part. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
