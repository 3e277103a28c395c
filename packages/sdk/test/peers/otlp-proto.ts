import path from 'node:path';
import protobuf from 'protobufjs';
import type { OtlpExportRequest } from './otlp-decoded.js';
import { assertPeerInstalled, peerPaths } from './peer-paths.js';

const REQUEST = 'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest';
const RESPONSE = 'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse';

/** The OTLP metrics service messages, from the official `.proto` files (Debian opentelemetry-proto). */
export interface OtlpMetricsProto {
  request: protobuf.Type;
  response: protobuf.Type;
}

let loaded: OtlpMetricsProto | undefined;

/** Loads (once) the official OTLP metrics service definitions with protobufjs. */
export function loadOtlpMetricsProto(): OtlpMetricsProto {
  if (loaded !== undefined) return loaded;
  assertPeerInstalled('otlp-proto');
  const root = new protobuf.Root();
  // The .proto files import each other by paths relative to the include root.
  root.resolvePath = (_origin, target) => path.join(peerPaths.otlpProtoRoot, target);
  root.loadSync('opentelemetry/proto/collector/metrics/v1/metrics_service.proto');
  root.resolveAll();
  loaded = { request: root.lookupType(REQUEST), response: root.lookupType(RESPONSE) };
  return loaded;
}

/**
 * Keys of an OTLP/JSON object that the message type does not define, and enums not given as integers.
 * The OTLP/JSON rules: lowerCamelCase field names only; enum values as integers.
 * (protobufjs' `fromObject` silently ignores unknown keys, so this check runs first.)
 */
export function otlpJsonProblems(type: protobuf.Type, value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${at || '<root>'}: expected an object`];
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const where = at === '' ? key : `${at}.${key}`;
    const field = type.fields[key];
    if (field === undefined) {
      problems.push(`${where}: no such field in ${type.fullName}`);
      continue;
    }
    const items = field.repeated && Array.isArray(child) ? child : [child];
    items.forEach((item, index) => {
      const itemAt = field.repeated ? `${where}[${index}]` : where;
      if (item === null || item === undefined) return;
      if (field.resolvedType instanceof protobuf.Type) problems.push(...otlpJsonProblems(field.resolvedType, item, itemAt));
      else if (field.resolvedType instanceof protobuf.Enum && typeof item !== 'number')
        problems.push(`${itemAt}: enum ${field.resolvedType.name} must be an integer in OTLP/JSON, got ${JSON.stringify(item)}`);
    });
  }
  return problems;
}

const CONVERSION = { longs: String, enums: String, bytes: String, defaults: true, arrays: true } as const;

/**
 * An `ExportMetricsServiceRequest` body decoded with the official protos into the plain shape of
 * otlp-decoded.ts. OTLP/JSON is checked with `otlpJsonProblems`, then put through protobuf, so
 * both encodings come out exactly alike. Returns `problem` for a body the protos reject; throws
 * for bytes that are not protobuf or JSON at all.
 */
export function decodeOtlpRequest(body: Uint8Array, encoding: 'protobuf' | 'json'): { request?: OtlpExportRequest; problem?: string } {
  const proto = loadOtlpMetricsProto();
  let message;
  if (encoding === 'protobuf') {
    message = proto.request.decode(body);
  } else {
    const json: unknown = JSON.parse(new TextDecoder().decode(body));
    const problems = otlpJsonProblems(proto.request, json);
    if (problems.length > 0) return { problem: problems.join('; ') };
    message = proto.request.decode(proto.request.encode(proto.request.fromObject(json as Record<string, unknown>)).finish());
  }
  const invalid = proto.request.verify(message);
  if (invalid !== null) return { problem: invalid };
  return { request: proto.request.toObject(message, CONVERSION) as OtlpExportRequest };
}
