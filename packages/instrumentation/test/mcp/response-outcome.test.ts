import { responseOutcome, statusCodeOf } from '../../src/mcp/response-outcome.js';
import { KIND_ERROR, KIND_RESPONSE } from '../../src/transport/message-kind.js';

const error = (code: unknown) => ({ jsonrpc: '2.0', id: 1, error: { code, message: 'x' } });
const outcome = (errorType: string | undefined, statusCode: string | undefined, inputRequired = false) => ({ errorType, statusCode, inputRequired });

describe('responseOutcome', () => {
  it('does not count caller errors as errors on the side that served the request', () => {
    for (const code of [-32700, -32600, -32601, -32602]) {
      for (const modern of [false, true]) {
        expect(responseOutcome('resources/read', error(code), KIND_ERROR, true, modern)).toEqual(outcome(undefined, String(code)));
        expect(responseOutcome('resources/read', error(code), KIND_ERROR, false, modern)).toEqual(outcome(String(code), String(code)));
      }
    }
  });

  it('treats -32002 as a missing resource (caller error) only before 2026-07-28, which retired the code', () => {
    expect(responseOutcome('resources/read', error(-32002), KIND_ERROR, true, false)).toEqual(outcome(undefined, '-32002'));
    expect(responseOutcome('resources/read', error(-32002), KIND_ERROR, true, true)).toEqual(outcome('-32002', '-32002'));
  });

  it('counts every other code as an error on both sides, the 2026-07-28 codes included', () => {
    for (const code of [-32603, -32000, -32001, -32042, -32020, -32021, -32022]) {
      expect(responseOutcome('tools/call', error(code), KIND_ERROR, true, true)).toEqual(outcome(String(code), String(code)));
    }
  });

  it('marks a tools/call result with isError: true as tool_error, and only tools/call', () => {
    const result = { jsonrpc: '2.0', id: 1, result: { content: [], isError: true } };
    expect(responseOutcome('tools/call', result, KIND_RESPONSE, true, false)).toEqual(outcome('tool_error', undefined));
    expect(responseOutcome('prompts/get', result, KIND_RESPONSE, true, false)).toEqual(outcome(undefined, undefined));
    expect(responseOutcome('tools/call', { jsonrpc: '2.0', id: 1, result: { isError: 'true' } }, KIND_RESPONSE, true, false).errorType).toBeUndefined();
  });

  it('marks an input_required result of a 2026-07-28 multi-round-trip request as interim, never as an error', () => {
    const interim = { jsonrpc: '2.0', id: 1, result: { resultType: 'input_required', inputRequests: {} } };
    for (const method of ['tools/call', 'prompts/get', 'resources/read']) {
      expect(responseOutcome(method, interim, KIND_RESPONSE, true, true)).toEqual(outcome(undefined, undefined, true));
      // Before 2026-07-28 the vocabulary does not exist: an ordinary result.
      expect(responseOutcome(method, interim, KIND_RESPONSE, true, false)).toEqual(outcome(undefined, undefined));
    }
    expect(responseOutcome('tools/list', interim, KIND_RESPONSE, true, true)).toEqual(outcome(undefined, undefined));
    expect(responseOutcome('tools/call', { jsonrpc: '2.0', id: 1, result: { resultType: 'complete', isError: true } }, KIND_RESPONSE, true, true)).toEqual(outcome('tool_error', undefined));
  });
});

describe('statusCodeOf', () => {
  it('keeps standard codes, bounds other integers and rejects non-integers', () => {
    expect(statusCodeOf(-32602)).toBe('-32602');
    expect(statusCodeOf(-32020)).toBe('-32020');
    expect(statusCodeOf('bad')).toBe('_OTHER');
    expect(statusCodeOf(1.5)).toBe('_OTHER');
    const seen = new Set<string>();
    for (let code = 1000; code < 1100; code++) seen.add(statusCodeOf(code));
    expect(seen.size).toBeLessThanOrEqual(33);
    expect(seen.has('_OTHER')).toBe(true);
  });
});
