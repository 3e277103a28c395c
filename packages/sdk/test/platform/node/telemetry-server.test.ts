import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startTelemetryServer } from '../../../src/platform/node/telemetry-server';

describe('startTelemetryServer', () => {
  it('serves its routes on the bound port, 404s others, and refuses non-GET methods', async () => {
    const server = await startTelemetryServer({
      host: '127.0.0.1',
      port: 0,
      routes: { '/metrics': (_req, res) => res.end('up 1\n') },
    });
    try {
      expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const ok = await fetch(`${server.baseUrl}/metrics?x=1`);
      expect([ok.status, await ok.text()]).toEqual([200, 'up 1\n']);
      const missing = await fetch(`${server.baseUrl}/nope`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('/metrics');
      const post = await fetch(`${server.baseUrl}/metrics`, { method: 'POST' });
      expect(post.status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it('rejects with the address and the fix when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      await expect(startTelemetryServer({ host: '127.0.0.1', port, routes: {} })).rejects.toThrow(
        `cannot serve Prometheus metrics on 127.0.0.1:${port}: the port is already in use (another copy of this server?). Set the prometheus exporter's "port" (or OTEL_EXPORTER_PROMETHEUS_PORT)`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('closes even while a client holds a keep-alive connection', async () => {
    const server = await startTelemetryServer({ host: '127.0.0.1', port: 0, routes: { '/m': (_req, res) => res.end('x') } });
    const response = await fetch(`${server.baseUrl}/m`, { headers: { connection: 'keep-alive' } });
    await response.text();
    await server.close();
    await expect(fetch(`${server.baseUrl}/m`)).rejects.toThrow();
  });
});
