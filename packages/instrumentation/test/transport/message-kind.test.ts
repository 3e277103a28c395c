import { classifyMessage, isServableRequest, KIND_ERROR, KIND_INVALID, KIND_NAMES, KIND_NOTIFICATION, KIND_REQUEST, KIND_RESPONSE } from '../../src/transport/message-kind.js';

describe('classifyMessage', () => {
  it('classifies JSON-RPC 2.0 messages by shape', () => {
    expect(classifyMessage({ jsonrpc: '2.0', id: 1, method: 'ping' })).toBe(KIND_REQUEST);
    expect(classifyMessage({ jsonrpc: '2.0', id: 'a', method: 'ping', params: {} })).toBe(KIND_REQUEST);
    expect(classifyMessage({ jsonrpc: '2.0', method: 'notifications/initialized' })).toBe(KIND_NOTIFICATION);
    expect(classifyMessage({ jsonrpc: '2.0', id: 1, result: {} })).toBe(KIND_RESPONSE);
    expect(classifyMessage({ jsonrpc: '2.0', id: 1, error: { code: -1, message: 'x' } })).toBe(KIND_ERROR);
  });

  it('calls everything else invalid: batches, wrong versions, bad ids, non-objects', () => {
    for (const m of [null, undefined, 1, 'x', [], [{ jsonrpc: '2.0', id: 1, method: 'ping' }], {}, { jsonrpc: '1.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', id: null, method: 'ping' }, { jsonrpc: '2.0', id: {}, result: {} }, { jsonrpc: '2.0', id: NaN, result: {} }, { jsonrpc: '2.0', id: 1 }, { jsonrpc: '2.0', id: 1, error: 'x' }, { jsonrpc: '2.0', method: 5 }]) {
      expect(classifyMessage(m)).toBe(KIND_INVALID);
    }
  });

  it('calls ids the SDKs reject invalid: unsafe integers, fractions, non-finite numbers', () => {
    for (const id of [2 ** 53, -(2 ** 53), 1e308, 1.5, Infinity, NaN]) {
      expect([id, classifyMessage({ jsonrpc: '2.0', id, method: 'ping' })]).toEqual([id, KIND_INVALID]);
      expect([id, classifyMessage({ jsonrpc: '2.0', id, result: {} })]).toEqual([id, KIND_INVALID]);
    }
    expect(classifyMessage({ jsonrpc: '2.0', id: Number.MAX_SAFE_INTEGER, method: 'ping' })).toBe(KIND_REQUEST);
  });

  it('tells servable requests from ones the SDKs drop: params, _meta, progressToken, extra members', () => {
    expect(isServableRequest({ jsonrpc: '2.0', id: 1, method: 'ping' })).toBe(true);
    expect(isServableRequest({ jsonrpc: '2.0', id: 1, method: 'x', params: { _meta: { progressToken: 'p' } } })).toBe(true);
    for (const m of [
      { jsonrpc: '2.0', id: 1, method: 'ping', params: null },
      { jsonrpc: '2.0', id: 1, method: 'ping', params: [] },
      { jsonrpc: '2.0', id: 1, method: 'ping', params: 'x' },
      { jsonrpc: '2.0', id: 1, method: 'ping', params: { _meta: 5 } },
      { jsonrpc: '2.0', id: 1, method: 'ping', params: { _meta: { progressToken: 1.5 } } },
      { jsonrpc: '2.0', id: 1, method: 'ping', extra: true },
      { jsonrpc: '2.0', id: 1, method: 'ping', toJSON: () => ({}) },
    ]) {
      expect([m, isServableRequest(m)]).toEqual([m, false]);
    }
  });

  it('names the kinds as recorded in mcp_otel.message.kind', () => {
    expect(KIND_NAMES).toEqual(['request', 'notification', 'response', 'error', 'invalid']);
  });
});
