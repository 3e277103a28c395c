import { gunzipSync } from 'node:zlib';
import { createFetchOtlpSender } from '../../../src/exporters/otlp/fetch-otlp-sender.js';
import { closedPortUrl, startCaptureServer } from '../../support/capture-server.js';
import type { CaptureServer } from '../../support/capture-server.js';

const BODY = new Uint8Array([10, 0]);

// Node's own fetch (undici) stands in for a browser's here; tests/e2e/browser-*.test.ts run it in Chromium.
describe('createFetchOtlpSender', () => {
  let server: CaptureServer;
  beforeEach(async () => {
    server = await startCaptureServer();
  });
  afterEach(() => server.close());

  const sender = (url: string) => createFetchOtlpSender({ url, headers: { 'x-api-key': 'k' }, contentType: 'application/x-protobuf' });

  it('POSTs the body with its content type and headers, and returns the answer', async () => {
    server.answer = { status: 200, body: Buffer.from([1, 2]) };
    await expect(sender(server.url).send(BODY, 5000)).resolves.toEqual({ status: 'success', body: new Uint8Array([1, 2]) });
    expect(server.requests[0]!.headers).toMatchObject({ 'content-type': 'application/x-protobuf', 'x-api-key': 'k' });
    expect(new Uint8Array(server.requests[0]!.body)).toEqual(BODY);
  });

  it('gzips the body with CompressionStream when compression is gzip', async () => {
    const body = new Uint8Array(Buffer.from('{"resourceMetrics":[]}'.repeat(50)));
    await createFetchOtlpSender({ url: server.url, headers: {}, contentType: 'application/json', compression: 'gzip' }).send(body, 5000);
    const [request] = server.requests;
    expect(request!.headers['content-encoding']).toBe('gzip');
    expect(request!.body.byteLength).toBeLessThan(body.byteLength / 5);
    expect(new Uint8Array(gunzipSync(request!.body))).toEqual(body);
  });

  it('maps statuses as the Node sender does', async () => {
    server.answer = { status: 429, headers: { 'retry-after': '2' } };
    await expect(sender(server.url).send(BODY, 5000)).resolves.toEqual({ status: 'retryable', retryInMs: 2000 });
    server.answer = { status: 401 };
    await expect(sender(server.url).send(BODY, 5000)).resolves.toMatchObject({ status: 'failure', error: { code: 401 } });
  });

  it('times out a peer that never answers, and retries a refused connection', async () => {
    server.answer = 'hang';
    await expect(sender(server.url).send(BODY, 200)).resolves.toMatchObject({ status: 'retryable', error: { message: 'Request timed out' } });
    await expect(sender(await closedPortUrl()).send(BODY, 5000)).resolves.toMatchObject({ status: 'retryable', error: expect.objectContaining({ name: 'TypeError' }) });
  });

  it('calls the fetch an instrumentation wrapped through its __original', async () => {
    const original = globalThis.fetch;
    const wrapper = Object.assign(() => Promise.reject(new Error('the wrapper was called')), { __original: original });
    globalThis.fetch = wrapper;
    try {
      await expect(sender(server.url).send(BODY, 5000)).resolves.toMatchObject({ status: 'success' });
    } finally {
      globalThis.fetch = original;
    }
  });
});
