import type { HrTime } from '@opentelemetry/api';

const NANOS_PER_SECOND = 1_000_000_000;
const BIG_NANOS_PER_SECOND = BigInt(NANOS_PER_SECOND);

/**
 * An HrTime as decimal nanoseconds since the epoch, as OTLP/JSON writes 64-bit times:
 * `seconds * 1e9 + nanos` after truncating both, like OTel's JSON encoder.
 * Why not plain arithmetic: today's times in nanoseconds (~1.7e18) exceed 2^53, so the digits are
 * joined as text, and anything unusual (0 or negative seconds, nanos out of range) goes through BigInt.
 */
export function hrTimeToNanosString(time: HrTime): string {
  const [seconds, nanos] = time;
  if (Number.isSafeInteger(seconds) && seconds > 0 && Number.isInteger(nanos) && nanos >= 0 && nanos < NANOS_PER_SECOND) {
    return `${seconds}${String(nanos).padStart(9, '0')}`;
  }
  // Throws a RangeError for NaN or ±Infinity, as OTel's encoder does.
  return (BigInt(Math.trunc(seconds)) * BIG_NANOS_PER_SECOND + BigInt(Math.trunc(nanos))).toString();
}

/**
 * An HrTime as the two 32-bit halves of unsigned 64-bit nanoseconds (protobuf `fixed64`), with
 * OTel's arithmetic: seconds split at 16 bits so every product stays below 2^53, no BigInt
 * (it is slow, and this runs for every data point). Values past uint64 wrap, as in OTel.
 */
export function hrTimeToFixed64(time: HrTime): [low: number, high: number] {
  const [seconds, nanos] = time;
  const fromLowSeconds = (seconds & 0xffff) * NANOS_PER_SECOND;
  const fromHighSeconds = ((seconds / 0x10000) >>> 0) * NANOS_PER_SECOND;
  const low = (fromLowSeconds >>> 0) + (((fromHighSeconds & 0xffff) * 0x10000) >>> 0) + nanos;
  const high = Math.floor(fromLowSeconds / 0x1_0000_0000) + ((fromHighSeconds / 0x10000) >>> 0) + Math.floor(low / 0x1_0000_0000);
  return [low >>> 0, high >>> 0];
}
