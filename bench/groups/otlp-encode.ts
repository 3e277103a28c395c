/**
 * Group `otlp-encode` (issue 9): our OTLP encoders (packages/sdk/src/exporters/otlp/) against the
 * otlp-transformer serializers they replace, on the same collection in the same process.
 * Speed: median µs per encode of one 50 metrics x 20 series collection, timed as batches of calls
 * (each encode takes about a millisecond, so mitata's fine-grained sampling adds nothing but run
 * time), the cases interleaved over rounds in rotating order. Size: esbuild browser bundles (minified, gzip -9) of
 * each side's import, with the OTel packages both sides import (@opentelemetry/api, core,
 * sdk-metrics, resources) left external: those are in every app that has metrics at all.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { JsonMetricsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { otlpCollection } from '../cases/otlp-collection.js';
import { median, type Figure, type GroupResult } from '../lib/figures.js';
import { performance } from 'node:perf_hooks';
import type { GroupOptions } from './group-options.js';

const REPO = path.resolve(__dirname, '../../..');
const ENCODERS = path.join(REPO, 'packages/sdk/dist/exporters/otlp');
const ENCODERS_ESM = path.join(REPO, 'packages/sdk/dist/esm/exporters/otlp');
type Encode = (data: ResourceMetrics) => Uint8Array | undefined;

/** The built encoders (not part of the package's public surface, so loaded by path). */
function ourEncoders(): { json: Encode; protobuf: Encode } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const json = require(path.join(ENCODERS, 'encode-otlp-json.js')) as { encodeOtlpJson: Encode };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const protobuf = require(path.join(ENCODERS, 'encode-otlp-protobuf.js')) as { encodeOtlpProtobuf: Encode };
  return { json: json.encodeOtlpJson, protobuf: protobuf.encodeOtlpProtobuf };
}

const BATCH = 10;

/** µs per call over one batch of {@link BATCH} calls. */
function batchUs(fn: () => unknown): number {
  const start = performance.now();
  for (let i = 0; i < BATCH; i++) fn();
  return ((performance.now() - start) * 1000) / BATCH;
}

async function bundleBytes(source: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir: REPO, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    external: ['@opentelemetry/api', '@opentelemetry/core', '@opentelemetry/sdk-metrics', '@opentelemetry/resources'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

export async function runOtlpEncode(options: GroupOptions): Promise<GroupResult> {
  const data = await otlpCollection(50, 20);
  const ours = ourEncoders();
  const cases: { id: string; label: string; fn: Encode }[] = [
    { id: 'otlp.json.ours', label: 'encodeOtlpJson, 50 metrics x 20 series', fn: ours.json },
    { id: 'otlp.json.otel', label: 'OTel JsonMetricsSerializer, same collection', fn: (d) => JsonMetricsSerializer.serializeRequest(d) },
    { id: 'otlp.protobuf.ours', label: 'encodeOtlpProtobuf, same collection', fn: ours.protobuf },
    { id: 'otlp.protobuf.otel', label: 'OTel ProtobufMetricsSerializer, same collection', fn: (d) => ProtobufMetricsSerializer.serializeRequest(d) },
  ];
  // Same bytes, or the comparison means nothing.
  for (const [a, b] of [[0, 1], [2, 3]] as const) {
    const [ours, otel] = [cases[a]!, cases[b]!];
    if (Buffer.compare(Buffer.from(ours.fn(data)!), Buffer.from(otel.fn(data)!)) !== 0) throw new Error(`${ours.id} and ${otel.id} encode differently`);
  }
  for (const c of cases) for (let i = 0; i < 30; i++) c.fn(data); // warm-up (JIT)
  const rounds = options.quick ? 10 : 40;
  const samples = new Map<string, number[]>(cases.map((c) => [c.id, []]));
  for (let r = 0; r < rounds; r++) {
    const order = [...cases.slice(r % cases.length), ...cases.slice(0, r % cases.length)];
    for (const c of order) samples.get(c.id)!.push(batchUs(() => c.fn(data)));
  }
  const figures: Figure[] = cases.map((c) => ({ id: c.id, label: c.label, value: median(samples.get(c.id)!), unit: 'us' }));
  figures.push({ id: 'otlp.protobuf.bytes', label: 'request size, protobuf', value: ours.protobuf(data)!.byteLength, unit: 'B' });
  figures.push({ id: 'otlp.json.bytes', label: 'request size, OTLP/JSON', value: ours.json(data)!.byteLength, unit: 'B' });

  const sides = {
    ours: `export { encodeOtlpJson } from '${ENCODERS_ESM}/encode-otlp-json.js'; export { encodeOtlpProtobuf } from '${ENCODERS_ESM}/encode-otlp-protobuf.js'; export { decodeOtlpResponse } from '${ENCODERS_ESM}/decode-otlp-response.js';`,
    otel: `export { JsonMetricsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';`,
  };
  for (const [side, source] of Object.entries(sides)) {
    const { min, gzip } = await bundleBytes(source);
    const what = side === 'ours' ? 'our encoders + response decoder' : "OTel's two metrics serializers";
    figures.push({ id: `otlp.bundle.${side}.min`, label: `browser bundle of ${what}: minified`, value: min, unit: 'B' }, { id: `otlp.bundle.${side}.gzip`, label: `browser bundle of ${what}: minified + gzip`, value: gzip, unit: 'B' });
  }
  return { group: 'otlp-encode', figures, notes: [`collection: ${data.scopeMetrics[0]!.metrics.length} metrics, ${data.scopeMetrics[0]!.metrics.reduce((n, m) => n + m.dataPoints.length, 0)} data points`] };
}
