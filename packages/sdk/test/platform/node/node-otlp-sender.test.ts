import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { createNodeOtlpSender } from '../../../src/platform/node/node-otlp-sender.js';
import type { NodeOtlpSenderOptions } from '../../../src/platform/node/node-otlp-sender.js';
import { assertOtlpExportCanRun } from '../../peers/otlp-export-guard.js';
import { closedPortUrl, startCaptureServer } from '../../support/capture-server.js';
import type { CaptureServer } from '../../support/capture-server.js';
import { SDK_VERSION } from '../../../src/version.js';

const BODY = new Uint8Array(Buffer.from('{"resourceMetrics":[]}'));
const agents: http.Agent[] = [];

function sender(url: string, options: Partial<NodeOtlpSenderOptions> = {}) {
  return createNodeOtlpSender({
    url,
    headers: { authorization: 'Bearer s3cret' },
    contentType: 'application/json',
    compression: 'none',
    agentFactory: () => {
      const agent = new http.Agent({ keepAlive: true });
      agents.push(agent);
      return agent;
    },
    ...options,
  });
}

describe('createNodeOtlpSender', () => {
  let server: CaptureServer;
  beforeAll(() => assertOtlpExportCanRun());
  beforeEach(async () => {
    server = await startCaptureServer();
  });
  afterEach(async () => {
    await server.close();
    for (const agent of agents.splice(0)) agent.destroy();
  });

  it('POSTs the body with its content type, the configured headers and a user agent', async () => {
    server.answer = { status: 200, body: 'ok' };
    const result = await sender(server.url).send(BODY, 5000);
    expect(result).toEqual({ status: 'success', body: new Uint8Array(Buffer.from('ok')) });
    const [request] = server.requests;
    expect(request!.method).toBe('POST');
    expect(request!.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer s3cret', 'user-agent': `mcp-otel/${SDK_VERSION}` });
    expect(request!.headers['content-encoding']).toBeUndefined();
    expect(new Uint8Array(request!.body)).toEqual(BODY);
  });

  it('gzips the body when compression is gzip', async () => {
    await sender(server.url, { compression: 'gzip' }).send(BODY, 5000);
    const [request] = server.requests;
    expect(request!.headers['content-encoding']).toBe('gzip');
    expect(new Uint8Array(gunzipSync(request!.body))).toEqual(BODY);
  });

  it('answers a 503 with its Retry-After as retryable, a 400 as a failure naming the status', async () => {
    server.answer = { status: 503, headers: { 'retry-after': '3' } };
    await expect(sender(server.url).send(BODY, 5000)).resolves.toEqual({ status: 'retryable', retryInMs: 3000 });
    server.answer = { status: 400, body: 'bad' };
    const failure = await sender(server.url).send(BODY, 5000);
    expect(failure).toMatchObject({ status: 'failure', error: { code: 400, message: 'Bad Request' } });
  });

  it('gives up on a peer that never answers at the deadline, as a retryable timeout', async () => {
    server.answer = 'hang';
    await expect(sender(server.url).send(BODY, 200)).resolves.toMatchObject({ status: 'retryable', error: { message: 'Request timed out' } });
  });

  it('reports a refused connection as retryable with its Node code', async () => {
    await expect(sender(await closedPortUrl()).send(BODY, 5000)).resolves.toMatchObject({ status: 'retryable', error: { code: 'ECONNREFUSED' } });
  });

  it('does not read an answer larger than 4 MiB', async () => {
    server.answer = { status: 200, body: Buffer.alloc(4 * 1024 * 1024 + 1) };
    await expect(sender(server.url).send(BODY, 5000)).resolves.toMatchObject({ status: 'failure', error: { message: expect.stringContaining('exceeded') } });
  });

  it('tries again at the next export when making the agent failed', async () => {
    let calls = 0;
    const flaky = sender(server.url, {
      agentFactory: () => {
        if (++calls === 1) throw new Error('no agent yet');
        const agent = new http.Agent({ keepAlive: true });
        agents.push(agent);
        return agent;
      },
    });
    await expect(flaky.send(BODY, 5000)).resolves.toMatchObject({ status: 'failure', error: { message: 'no agent yet' } });
    await expect(flaky.send(BODY, 5000)).resolves.toMatchObject({ status: 'success' });
  });

  it('makes one agent per exporter, reused by every request', async () => {
    let made = 0;
    const shared = sender(server.url, {
      agentFactory: () => {
        made++;
        const agent = new http.Agent({ keepAlive: true });
        agents.push(agent);
        return agent;
      },
    });
    await shared.send(BODY, 5000);
    await shared.send(BODY, 5000);
    expect(made).toBe(1);
    expect(server.requests).toHaveLength(2);
  });
});
