import fc from 'fast-check';
import { decodeOtlpResponse } from '../../../src/exporters/otlp/decode-otlp-response.js';
import { describeWithPeer } from '../../peers/describe-with-peer.js';
import { loadOtlpMetricsProto } from '../../peers/otlp-proto.js';
import { loadOtelSerializers } from './support/otel-serializers.js';

const otel = loadOtelSerializers();
const utf8 = new TextEncoder();

/** OTel's deserializeResponse result in our shape: the two known fields, or undefined when neither is set. */
function otelPartialSuccess(response: unknown): unknown {
  const partial = (response as { partialSuccess?: { rejectedDataPoints?: number | string; errorMessage?: string } } | null)?.partialSuccess;
  if (partial === undefined || partial === null || (partial.rejectedDataPoints === undefined && partial.errorMessage === undefined)) return undefined;
  return { rejectedDataPoints: Number(partial.rejectedDataPoints ?? 0), errorMessage: partial.errorMessage ?? '' };
}

/** OTel's protobuf reader throws on a truncated body; ours returns undefined then. */
function otelProtobuf(body: Uint8Array): { threw: boolean; value?: unknown } {
  try {
    return { threw: false, value: otelPartialSuccess(otel.protobufResponse(body)) };
  } catch {
    return { threw: true };
  }
}

describeWithPeer('otlp-proto', `decodeOtlpResponse against otlp-transformer ${otel.version} on responses encoded from the official protos`, () => {
  const responses: [string, Record<string, unknown>, unknown][] = [
    ['success (empty message)', {}, undefined],
    ['partial success with rejections', { partialSuccess: { rejectedDataPoints: 3, errorMessage: 'label value too long' } }, { rejectedDataPoints: 3, errorMessage: 'label value too long' }],
    ['a warning only (no rejections)', { partialSuccess: { errorMessage: 'ünïcode ⚠ deprecated attribute' } }, { rejectedDataPoints: 0, errorMessage: 'ünïcode ⚠ deprecated attribute' }],
    ['rejections only', { partialSuccess: { rejectedDataPoints: 2 ** 40 } }, { rejectedDataPoints: 2 ** 40, errorMessage: '' }],
    ['an empty partial success', { partialSuccess: {} }, undefined],
  ];

  it.each(responses)('reads protobuf: %s', (_name, message, expected) => {
    const { response } = loadOtlpMetricsProto();
    const body = response.encode(response.fromObject(message)).finish();
    expect(decodeOtlpResponse(body, 'http/protobuf')).toEqual(expected);
    expect(decodeOtlpResponse(body, 'http/protobuf')).toEqual(otelPartialSuccess(otel.protobufResponse(body)));
  });

  it.each(responses)('reads OTLP/JSON (int64 as a string, as protojson writes it): %s', (_name, message, expected) => {
    const { response } = loadOtlpMetricsProto();
    const json = response.toObject(response.fromObject(message), { longs: String });
    const body = utf8.encode(JSON.stringify(json));
    expect(decodeOtlpResponse(body, 'http/json')).toEqual(expected);
    expect(decodeOtlpResponse(body, 'http/json')).toEqual(otelPartialSuccess(otel.jsonResponse(body)));
  });

  it('reads a response with unknown fields around partial_success, as OTel does', () => {
    const { response } = loadOtlpMetricsProto();
    const known = response.encode(response.fromObject({ partialSuccess: { rejectedDataPoints: 7, errorMessage: 'x' } })).finish();
    // field 9 varint, field 10 fixed64, field 11 bytes, then the known message, then field 12 fixed32
    const body = Uint8Array.from([0x48, 0x96, 0x01, 0x51, 1, 2, 3, 4, 5, 6, 7, 8, 0x5a, 0x02, 0xaa, 0xbb, ...known, 0x65, 1, 2, 3, 4]);
    expect(decodeOtlpResponse(body, 'http/protobuf')).toEqual({ rejectedDataPoints: 7, errorMessage: 'x' });
    expect(otelProtobuf(body)).toEqual({ threw: false, value: { rejectedDataPoints: 7, errorMessage: 'x' } });
  });
});

describe('decodeOtlpResponse on bodies a broken peer may send', () => {
  it('never throws on arbitrary bytes, and agrees with OTel wherever OTel can read them', () => {
    const partialSuccessBody = fc
      .record({ rejected: fc.oneof(fc.nat(), fc.maxSafeNat()), message: fc.string({ unit: 'binary', maxLength: 20 }) })
      .map(({ rejected, message }) => {
        const text = utf8.encode(message);
        const inner = [0x08, ...varint(rejected), 0x12, ...varint(text.length), ...text];
        return Uint8Array.from([0x0a, ...varint(inner.length), ...inner]);
      });
    const cut = (body: Uint8Array) => fc.nat({ max: body.length }).map((n) => body.subarray(0, n));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), partialSuccessBody, partialSuccessBody.chain(cut)), (body) => {
        const ours = decodeOtlpResponse(body, 'http/protobuf');
        const theirs = otelProtobuf(body);
        if (theirs.threw) expect(ours).toBeUndefined();
        else expect(ours).toEqual(theirs.value);
        expect(() => decodeOtlpResponse(body, 'http/json')).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('treats empty and non-JSON bodies as carrying nothing', () => {
    expect(decodeOtlpResponse(new Uint8Array(0), 'http/json')).toBeUndefined();
    expect(decodeOtlpResponse(new Uint8Array(0), 'http/protobuf')).toBeUndefined();
    expect(decodeOtlpResponse(utf8.encode('<html>502 Bad Gateway</html>'), 'http/json')).toBeUndefined();
    expect(decodeOtlpResponse(utf8.encode('null'), 'http/json')).toBeUndefined();
    expect(decodeOtlpResponse(utf8.encode('{"partialSuccess":"yes"}'), 'http/json')).toBeUndefined();
    expect(decodeOtlpResponse(utf8.encode('{"partialSuccess":{"rejectedDataPoints":5}}'), 'http/json')).toEqual({ rejectedDataPoints: 5, errorMessage: '' });
  });
});

function varint(value: number): number[] {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  out.push(value);
  return out;
}
