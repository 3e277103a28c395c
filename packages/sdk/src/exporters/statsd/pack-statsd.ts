import { utf8Length } from './statsd-number.js';

/** Units packed into payloads (one datagram or one TCP write each). */
export interface StatsdPayloads {
  /** Newline-joined units, no trailing newline. */
  payloads: string[];
  /** Payloads larger than `maxBytes`: a single unit that does not fit, sent alone. */
  oversized: number;
}

/**
 * Packs units greedily into payloads of at most `maxBytes` UTF-8 bytes, in order, joined by `\n`.
 * A unit is never split; one that alone exceeds `maxBytes` gets a payload of its own.
 *
 * @example
 * ```ts
 * packStatsd(['a:1|c', 'b:2|c', 'c:3|c'], 11).payloads; // ['a:1|c\nb:2|c', 'c:3|c']
 * ```
 */
export function packStatsd(units: readonly string[], maxBytes: number): StatsdPayloads {
  const payloads: string[] = [];
  let oversized = 0;
  let current = '';
  let currentBytes = 0;
  for (const unit of units) {
    const bytes = utf8Length(unit);
    if (currentBytes > 0 && currentBytes + 1 + bytes <= maxBytes) {
      current += '\n' + unit;
      currentBytes += 1 + bytes;
      continue;
    }
    if (currentBytes > 0) payloads.push(current);
    current = unit;
    currentBytes = bytes;
    if (bytes > maxBytes) oversized++;
  }
  if (currentBytes > 0) payloads.push(current);
  return { payloads, oversized };
}

/** How many StatsD lines a payload holds (for drop counts). */
export function countLines(payload: string): number {
  let lines = 1;
  for (let i = payload.indexOf('\n'); i !== -1; i = payload.indexOf('\n', i + 1)) lines++;
  return lines;
}
