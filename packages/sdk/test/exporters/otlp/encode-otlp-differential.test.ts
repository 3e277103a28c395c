import fc from 'fast-check';
import { AggregationTemporality } from '@opentelemetry/sdk-metrics';
import { encodeOtlpJson } from '../../../src/exporters/otlp/encode-otlp-json.js';
import { encodeOtlpProtobuf } from '../../../src/exporters/otlp/encode-otlp-protobuf.js';
import { collectRealMetrics } from './support/collect-real-metrics.js';
import { hex, loadOtelSerializers } from './support/otel-serializers.js';
import { resourceMetrics } from './support/resource-metrics-arbitrary.js';

const otel = loadOtelSerializers();
const text = new TextDecoder();
const FUZZ_SCALE = Number(process.env.MCP_OTEL_FUZZ_SCALE ?? 1);
jest.setTimeout(30_000 * FUZZ_SCALE);

// Our encoders must give OTel's bytes exactly, on whichever otlp-transformer line is installed.
describe(`encodeOtlpJson and encodeOtlpProtobuf against otlp-transformer ${otel.version}`, () => {
  it('write OTLP/JSON byte for byte as JsonMetricsSerializer, for arbitrary ResourceMetrics', () => {
    fc.assert(
      fc.property(resourceMetrics, (data) => {
        // Compared as text first so a failure shows where they part; then as bytes.
        expect(text.decode(encodeOtlpJson(data))).toBe(text.decode(otel.json(data)));
        expect(hex(encodeOtlpJson(data))).toBe(hex(otel.json(data)));
      }),
      { numRuns: 500 * FUZZ_SCALE },
    );
  });

  it('write OTLP protobuf byte for byte as ProtobufMetricsSerializer, for arbitrary ResourceMetrics', () => {
    fc.assert(
      fc.property(resourceMetrics, (data) => {
        expect(hex(encodeOtlpProtobuf(data))).toBe(hex(otel.protobuf(data)));
      }),
      { numRuns: 500 * FUZZ_SCALE },
    );
  });

  it.each([
    ['cumulative', AggregationTemporality.CUMULATIVE],
    ['delta', AggregationTemporality.DELTA],
  ])('match on what a real MeterProvider collects (%s)', async (_name, temporality) => {
    const data = await collectRealMetrics({ temporality });
    expect(data.scopeMetrics.map((s) => s.metrics.length)).toEqual([4, 4]);
    expect(text.decode(encodeOtlpJson(data))).toBe(text.decode(otel.json(data)));
    expect(hex(encodeOtlpProtobuf(data))).toBe(hex(otel.protobuf(data)));
  });

  it('match on a collection large enough to need multi-byte lengths and a grown buffer', async () => {
    const data = await collectRealMetrics({ series: 400 });
    const bytes = encodeOtlpProtobuf(data);
    expect(bytes.byteLength).toBeGreaterThan(64 * 1024);
    expect(hex(bytes)).toBe(hex(otel.protobuf(data)));
    expect(hex(encodeOtlpJson(data))).toBe(hex(otel.json(data)));
    // The buffer kept between calls must not leak bytes of the large encode into a small one.
    const small = await collectRealMetrics({ series: 1 });
    expect(hex(encodeOtlpProtobuf(small))).toBe(hex(otel.protobuf(small)));
  });
});
