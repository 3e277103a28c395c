import { responseOutcome, statusCodeOf } from '../../src/mcp/response-outcome.js';
import { KIND_ERROR, KIND_RESPONSE } from '../../src/transport/message-kind.js';

const error = (code: unknown) => ({ jsonrpc: '2.0', id: 1, error: { code, message: 'x' } });

describe('responseOutcome', () => {
  it('does not count caller errors as errors on the side that served the request', () => {
    for (const code of [-32700, -32600, -32601, -32602, -32002]) {
      expect(responseOutcome('resources/read', error(code), KIND_ERROR, true)).toEqual({ errorType: undefined, statusCode: String(code) });
      expect(responseOutcome('resources/read', error(code), KIND_ERROR, false)).toEqual({ errorType: String(code), statusCode: String(code) });
    }
  });

  it('counts every other code as an error on both sides', () => {
    for (const code of [-32603, -32000, -32001, -32042]) {
      expect(responseOutcome('tools/call', error(code), KIND_ERROR, true)).toEqual({ errorType: String(code), statusCode: String(code) });
    }
  });

  it('marks a tools/call result with isError: true as tool_error, and only tools/call', () => {
    const result = { jsonrpc: '2.0', id: 1, result: { content: [], isError: true } };
    expect(responseOutcome('tools/call', result, KIND_RESPONSE, true)).toEqual({ errorType: 'tool_error', statusCode: undefined });
    expect(responseOutcome('prompts/get', result, KIND_RESPONSE, true)).toEqual({ errorType: undefined, statusCode: undefined });
    expect(responseOutcome('tools/call', { jsonrpc: '2.0', id: 1, result: { isError: 'true' } }, KIND_RESPONSE, true).errorType).toBeUndefined();
  });
});

describe('statusCodeOf', () => {
  it('keeps standard codes, bounds other integers and rejects non-integers', () => {
    expect(statusCodeOf(-32602)).toBe('-32602');
    expect(statusCodeOf('bad')).toBe('_OTHER');
    expect(statusCodeOf(1.5)).toBe('_OTHER');
    const seen = new Set<string>();
    for (let code = 1000; code < 1100; code++) seen.add(statusCodeOf(code));
    expect(seen.size).toBeLessThanOrEqual(33);
    expect(seen.has('_OTHER')).toBe(true);
  });
});
