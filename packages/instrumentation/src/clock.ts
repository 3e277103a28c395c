/**
 * The clock of every duration the instrumentation records, in milliseconds (`performance.now()`).
 *
 * `performance` is read once here, at load: in Node the global is a lazy getter, and going through it
 * on each of the four clock reads of a request/response round trip measurably adds to the
 * instrumentation's cost. Tests that need a fixed clock stub `performance.now` itself.
 */
const performanceAtLoad = globalThis.performance;

export function now(): number {
  return performanceAtLoad.now();
}
