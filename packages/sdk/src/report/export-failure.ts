/**
 * What a failed export says about itself, read by shape: errors come from the OTLP exporter
 * (`OtlpHttpError` with an HTTP status `code`, or OTel's messages for timeouts and retryable
 * statuses), from Node (`code: 'ECONNREFUSED'`), or from our other exporters, and may cross realms
 * (jest, vm, workers), so `instanceof` is not used.
 */
interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
}

/** OTel's message when a 429/502/503/504 answer outlasted every retry (it keeps no status code). */
const RETRYABLE_STATUS_MESSAGE = 'Export failed with retryable status';

/** `error.type` of a failed export: an HTTP status, a Node error code, `timeout`, or the error's name. */
export function exportErrorType(error: unknown): string {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  if (typeof shape.code === 'number' && Number.isInteger(shape.code)) return String(shape.code);
  if (typeof shape.code === 'string' && /^[A-Za-z_][\w-]{0,40}$/.test(shape.code)) return shape.code;
  if (shape.message === 'Request timed out') return 'timeout';
  if (shape.message === RETRYABLE_STATUS_MESSAGE) return 'retryable_status';
  if (typeof shape.name === 'string' && /^\w{1,40}$/.test(shape.name) && shape.name !== 'Error') return shape.name;
  return '_OTHER';
}

const MAX_REASON_LENGTH = 200;

/** The failure in a few words for a one-line report: the message only, never a stack or a body. */
export function exportFailureReason(error: unknown): string {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  let reason: string;
  if (shape.message === RETRYABLE_STATUS_MESSAGE) reason = 'the receiver answered 429, 502, 503 or 504 (busy or unavailable) to every attempt';
  else if (typeof shape.message === 'string' && shape.message !== '') reason = shape.message;
  else if (error === undefined) reason = 'the export failed without saying why';
  else reason = typeof error === 'string' ? error : 'the export failed with a value that is not an error';
  if (typeof shape.code === 'number') reason = `HTTP ${shape.code} ${reason}`;
  const oneLine = reason.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_REASON_LENGTH ? `${oneLine.slice(0, MAX_REASON_LENGTH - 1)}…` : oneLine;
}
