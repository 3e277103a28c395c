/** What a receiver said it did not accept (OTLP `ExportMetricsPartialSuccess`). */
export interface OtlpPartialSuccess {
  /** Data points the receiver rejected; 0 when it only sent a message (a warning). */
  rejectedDataPoints: number;
  /** The receiver's explanation; `''` when it sent none. */
  errorMessage: string;
}

const decoder = new TextDecoder();

/** Reads one base-128 varint at `state.pos`; throws when the body ends inside it. */
function readVarint(body: Uint8Array, state: { pos: number }): number {
  let value = 0;
  for (let shift = 0; state.pos < body.length; shift += 7) {
    const byte = body[state.pos++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return value;
  }
  throw new Error('truncated varint');
}

/** Walks the fields of one protobuf message, handing `onField` each field number, wire type and value. */
function readFields(body: Uint8Array, onField: (field: number, wireType: number, value: number | Uint8Array) => void): void {
  const state = { pos: 0 };
  while (state.pos < body.length) {
    const tag = readVarint(body, state);
    const wireType = tag & 7;
    let value: number | Uint8Array;
    // A fixed-size field cut short ends the message without an error, as in OTel's reader.
    if (wireType === 0) value = readVarint(body, state);
    else if (wireType === 1 || wireType === 5) value = state.pos += wireType === 1 ? 8 : 4;
    else if (wireType === 2) {
      const length = readVarint(body, state);
      if (state.pos + length > body.length) throw new Error('truncated field');
      value = body.subarray(state.pos, (state.pos += length));
    } else throw new Error(`wire type ${wireType}`);
    onField(tag >>> 3, wireType, value);
  }
}

/** `partial_success` (field 1) of a protobuf ExportMetricsServiceResponse: 1 rejected_data_points, 2 error_message. */
function fromProtobuf(body: Uint8Array): Partial<OtlpPartialSuccess> | undefined {
  let partial: Partial<OtlpPartialSuccess> | undefined;
  readFields(body, (field, wireType, value) => {
    if (field !== 1 || wireType !== 2) return;
    partial = {}; // a repeated embedded message merges; OTel keeps the last, and so do we
    readFields(value as Uint8Array, (inner, innerType, innerValue) => {
      if (inner === 1 && innerType === 0) partial!.rejectedDataPoints = innerValue as number;
      else if (inner === 2 && innerType === 2) partial!.errorMessage = decoder.decode(innerValue as Uint8Array);
    });
  });
  return partial;
}

/** `partialSuccess` of an OTLP/JSON response; int64 may arrive as a number or a decimal string. */
function fromJson(body: Uint8Array): Partial<OtlpPartialSuccess> | undefined {
  const parsed = JSON.parse(decoder.decode(body)) as { partialSuccess?: unknown } | null;
  const partial = parsed?.partialSuccess;
  if (typeof partial !== 'object' || partial === null) return undefined;
  const { rejectedDataPoints, errorMessage } = partial as Record<string, unknown>;
  const out: Partial<OtlpPartialSuccess> = {};
  if (rejectedDataPoints !== undefined) out.rejectedDataPoints = Number(rejectedDataPoints) || 0;
  if (errorMessage !== undefined) out.errorMessage = typeof errorMessage === 'string' ? errorMessage : JSON.stringify(errorMessage);
  return out;
}

/**
 * The `partial_success` of an OTLP metrics export response body, or `undefined` when the receiver
 * sent none, sent one with neither field (OTel's exporter logs nothing for those either), or the
 * body is empty or cannot be read. Never throws: a response body is the peer's to get wrong, and
 * the export it answers has already succeeded (OTel's protobuf reader throws on a truncated body,
 * its JSON reader logs and returns `{}`; both come out as `undefined` here).
 * Why hand-written: OTel's `deserializeResponse` lives in otlp-transformer (see encode-otlp-json.ts).
 *
 * @example
 * ```ts
 * const partial = decodeOtlpResponse(responseBody, 'http/protobuf');
 * if (partial) report(`receiver rejected ${partial.rejectedDataPoints} points: ${partial.errorMessage}`);
 * ```
 */
export function decodeOtlpResponse(body: Uint8Array, protocol: 'http/json' | 'http/protobuf'): OtlpPartialSuccess | undefined {
  if (body.length === 0) return undefined;
  let partial: Partial<OtlpPartialSuccess> | undefined;
  try {
    partial = protocol === 'http/json' ? fromJson(body) : fromProtobuf(body);
  } catch {
    return undefined;
  }
  if (partial === undefined || Object.keys(partial).length === 0) return undefined;
  return { rejectedDataPoints: partial.rejectedDataPoints ?? 0, errorMessage: partial.errorMessage ?? '' };
}
