import { isRetryableStatus, OtlpHttpError, parseRetryAfterMs, resultOfStatus } from '../../../src/exporters/otlp/otlp-sender.js';
import { exportErrorType, exportFailureReason } from '../../../src/report/export-failure.js';

describe('OTLP/HTTP answers', () => {
  it('retries exactly 429, 502, 503 and 504', () => {
    const retryable = [200, 204, 400, 401, 404, 413, 429, 500, 501, 502, 503, 504, 505].filter(isRetryableStatus);
    expect(retryable).toEqual([429, 502, 503, 504]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-04T20:00:00Z');
    expect(parseRetryAfterMs('30', now)).toBe(30_000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
    expect(parseRetryAfterMs('Fri, 04 Dec 2026 20:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfterMs('Fri, 04 Dec 2026 19:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });

  it('turns a status into a result that the failure reports name', () => {
    expect(resultOfStatus(200, 'OK', new Uint8Array([1]), null)).toEqual({ status: 'success', body: new Uint8Array([1]) });
    expect(resultOfStatus(503, 'Service Unavailable', undefined, '7')).toEqual({ status: 'retryable', retryInMs: 7000 });
    const failure = resultOfStatus(404, 'Not Found', undefined, null);
    expect(failure.status).toBe('failure');
    const error = (failure as { error: Error }).error;
    expect(error).toBeInstanceOf(OtlpHttpError);
    expect(exportErrorType(error)).toBe('404');
    expect(exportFailureReason(error)).toBe('HTTP 404 Not Found');
    expect(exportFailureReason((resultOfStatus(400, '', undefined, null) as { error: Error }).error)).toBe('HTTP 400 the receiver answered HTTP 400');
  });
});
