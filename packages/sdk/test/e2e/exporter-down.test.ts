import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsHandle } from '@mcp-otel/sdk';
import { startMetrics } from '@mcp-otel/sdk';
import { freePort } from '../peers/free-port.js';
import { assertOtlpExportCanRun } from '../peers/otlp-export-guard.js';

// A push exporter whose peer is down or never answers must not take the host down: forceFlush and
// shutdown resolve. Unhandled rejections: jest-circus swaps the real process' listeners for its own
// and fails the running test on any, so a `process.on` here (the sandbox's process) would never
// fire; host-process.test.ts checks them with a real listener in a real process.
const TIMEOUT = 60_000;

describe('startMetrics with an OTLP peer that is down or hangs', () => {
  let handle: MetricsHandle | undefined;
  let hanging: http.Server | undefined;

  beforeAll(assertOtlpExportCanRun);
  afterEach(async () => {
    await handle?.shutdown();
    handle = undefined;
    if (hanging !== undefined) {
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging!.close(() => resolve()));
      hanging = undefined;
    }
  });

  it.each(['http/protobuf', 'http/json'] as const)('survives a closed port (%s)', async (protocol) => {
    const port = await freePort(); // bound, then released: nothing listens there
    handle = await startMetrics(
      { serviceName: 'e2e-down', exporters: [{ type: 'otlp', protocol, endpoint: `http://127.0.0.1:${port}/v1/metrics`, timeout: 2_000 }], registerGlobal: false },
      { env: {} },
    );
    handle.counter('e2e.down.calls').increment();
    handle.meter('e2e-scope').createHistogram('e2e.down.latency').record(0.2);
    await expect(handle.forceFlush()).resolves.toBeUndefined();
    handle.counter('e2e.down.calls').increment(); // still recording after a failed export
    await expect(handle.shutdown()).resolves.toBeUndefined();
    await expect(handle.shutdown()).resolves.toBeUndefined(); // idempotent
  }, TIMEOUT);

  it('survives a peer that accepts the connection and never answers', async () => {
    hanging = http.createServer(() => {
      // Never answers: the exporter's timeout must end the request.
    });
    await new Promise<void>((resolve) => hanging!.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as AddressInfo;
    handle = await startMetrics(
      { serviceName: 'e2e-hang', exporters: [{ type: 'otlp', endpoint: `http://127.0.0.1:${port}/v1/metrics`, timeout: '500ms' }], registerGlobal: false },
      { env: {} },
    );
    handle.counter('e2e.hang.calls').increment();
    await expect(handle.forceFlush()).resolves.toBeUndefined();
    await expect(handle.shutdown()).resolves.toBeUndefined();
  }, TIMEOUT);
});
