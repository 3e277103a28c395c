/** Protobuf wire types used by OTLP. */
export const VARINT = 0;
export const FIXED64 = 1;
export const LENGTH_DELIMITED = 2;
type WireType = typeof VARINT | typeof FIXED64 | typeof LENGTH_DELIMITED;

const TWO_POW_32 = 0x1_0000_0000;
/** Kept between calls up to this size so steady exports do not reallocate; larger ones are dropped. */
const KEPT_BUFFER_BYTES = 1024 * 1024;
let kept = new Uint8Array(16 * 1024);

function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    size++;
  }
  return size;
}

/**
 * A minimal protobuf writer for the OTLP metrics request, nothing more. Messages are written in
 * place: `begin()` reserves one byte for the length, `end()` writes it and moves the body when the
 * length needs more bytes (most OTLP messages are under 128 bytes). Integer edge cases (negative,
 * fractional, past 2^53) are encoded with the same arithmetic as otlp-transformer's writer, so the
 * bytes match OTel's for any input. Not reentrant: one encode at a time (encoding is synchronous).
 */
export class ProtobufWriter {
  private buffer = kept;
  private view = new DataView(kept.buffer);
  private readonly textEncoder = new TextEncoder();
  pos = 0;

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.pos + bytes) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.pos));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }

  /** The bytes written, copied out so the working buffer can be reused by the next encode. */
  finish(): Uint8Array {
    const out = this.buffer.slice(0, this.pos);
    if (this.buffer.length <= KEPT_BUFFER_BYTES) kept = this.buffer;
    return out;
  }

  tag(field: number, wireType: WireType): void {
    this.varint((field << 3) | wireType);
  }

  /** Starts a length-delimited body; pass the result to `end`. */
  begin(): number {
    this.ensure(1);
    return this.pos++;
  }

  end(start: number): void {
    const length = (this.pos - start - 1) >>> 0;
    const size = varintSize(length);
    if (size > 1) {
      this.ensure(size - 1);
      this.buffer.copyWithin(start + size, start + 1, this.pos);
      this.pos += size - 1;
    }
    let at = start;
    let v = length;
    while (v > 0x7f) {
      this.buffer[at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buffer[at] = v;
  }

  /** A varint; negative and non-uint32 values as 64-bit two's complement, like OTel's writer. */
  varint(value: number): void {
    this.ensure(10);
    const b = this.buffer;
    if (value >= 0 && value <= 0xffffffff) {
      let v = value >>> 0;
      while (v > 0x7f) {
        b[this.pos++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      b[this.pos++] = v;
      return;
    }
    let [low, high] = int64Halves(value);
    while (high > 0 || low > 0x7f) {
      b[this.pos++] = (low & 0x7f) | 0x80;
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
    }
    b[this.pos++] = low & 0x7f;
  }

  /** A zigzag-encoded sint32 (exponential histogram scale and offsets). */
  sint32(value: number): void {
    this.varint(((value << 1) ^ (value >> 31)) >>> 0);
  }

  fixed64(low: number, high: number): void {
    this.ensure(8);
    this.view.setUint32(this.pos, low >>> 0, true);
    this.view.setUint32(this.pos + 4, high >>> 0, true);
    this.pos += 8;
  }

  /** An unsigned count as fixed64 (histogram counts), split as OTel splits it. */
  fixed64Number(value: number): void {
    this.fixed64(value >>> 0, (value / TWO_POW_32) >>> 0);
  }

  sfixed64(value: number): void {
    const [low, high] = int64Halves(value);
    this.fixed64(low, high);
  }

  double(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  /** A UTF-8 string; lone surrogates become U+FFFD, as with TextEncoder (and OTel). */
  string(value: string): void {
    const length = value.length;
    let ascii = true;
    for (let i = 0; i < length; i++) {
      if (value.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (!ascii) return this.bytes(this.textEncoder.encode(value));
    this.varint(length);
    this.ensure(length);
    for (let i = 0; i < length; i++) this.buffer[this.pos++] = value.charCodeAt(i);
  }

  bytes(value: Uint8Array): void {
    this.varint(value.length);
    this.ensure(value.length);
    this.buffer.set(value, this.pos);
    this.pos += value.length;
  }
}

/** Low and high 32 bits of a number as int64 (two's complement when negative), OTel's arithmetic. */
function int64Halves(value: number): [low: number, high: number] {
  if (value >= 0) return [value >>> 0, (value / TWO_POW_32) >>> 0];
  const magnitude = Math.abs(value);
  let low = ~(magnitude >>> 0) >>> 0;
  let high = ~((magnitude / TWO_POW_32) >>> 0) >>> 0;
  low = (low + 1) >>> 0;
  if (low === 0) high = (high + 1) >>> 0;
  return [low, high];
}
